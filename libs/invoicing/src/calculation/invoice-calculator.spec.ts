import { allocateProportionally } from './allocation';
import { DiscountInput, LineInput, TaxRateInput } from './invoice-calculation.types';
import { calculateInvoice } from './invoice-calculator';

const rate = (
  percentage: string,
  inclusive = false,
  taxRateId = `tr_${percentage}_${inclusive}`,
): TaxRateInput => ({
  taxRateId,
  name: `Tax ${percentage}%`,
  percentage,
  inclusive,
});
const line = (
  key: string,
  amount: number,
  taxRates: TaxRateInput[] = [],
  discountable = true,
): LineInput => ({
  key,
  amount,
  discountable,
  taxRates,
});
const percentOff = (percent: string, id = `ac_${percent}`): DiscountInput => ({
  appliedCouponId: id,
  couponName: `${percent}% off`,
  kind: 'percent',
  percentOff: percent,
});
const amountOff = (amount: number, id = `ac_fixed_${amount}`): DiscountInput => ({
  appliedCouponId: id,
  couponName: `${amount} off`,
  kind: 'fixed',
  amountOff: amount,
});

describe('calculateInvoice: worked examples', () => {
  it('19% VAT exclusive on 100.00 is 19.00', () => {
    const result = calculateInvoice({
      currency: 'EUR',
      lines: [line('a', 10_000, [rate('19')])],
      discounts: [],
    });
    expect(result.lines[0]).toMatchObject({ netAmount: 10_000, taxAmount: 1_900, total: 11_900 });
    expect(result).toMatchObject({ subtotal: 10_000, discountTotal: 0, taxTotal: 1_900, total: 11_900 });
    expect(result.taxBreakdown).toEqual([
      {
        taxRateId: 'tr_19_false',
        name: 'Tax 19%',
        percentage: '19',
        inclusive: false,
        taxableAmount: 10_000,
        amount: 1_900,
      },
    ]);
  });

  it('19% VAT inclusive in 119.00 is 19.00, and the subtotal excludes it', () => {
    const result = calculateInvoice({
      currency: 'EUR',
      lines: [line('a', 11_900, [rate('19', true)])],
      discounts: [],
    });
    expect(result.lines[0]).toMatchObject({
      amount: 11_900,
      netAmount: 10_000,
      taxAmount: 1_900,
      total: 11_900,
    });
    expect(result).toMatchObject({ subtotal: 10_000, taxTotal: 1_900, total: 11_900 });
    expect(result.taxBreakdown[0]).toMatchObject({ taxableAmount: 10_000, amount: 1_900, inclusive: true });
  });

  it('a 10% coupon comes off before 8.25% sales tax', () => {
    const result = calculateInvoice({
      currency: 'USD',
      lines: [line('a', 10_000, [rate('8.25')])],
      discounts: [percentOff('10')],
    });
    // 100.00 − 10.00 = 90.00; 8.25% of 90.00 = 7.425 → 7.43
    expect(result.lines[0]).toMatchObject({
      discountAmount: 1_000,
      netAmount: 9_000,
      taxAmount: 743,
      total: 9_743,
    });
    expect(result).toMatchObject({ subtotal: 10_000, discountTotal: 1_000, taxTotal: 743, total: 9_743 });
    expect(result.discountBreakdown).toEqual([
      { appliedCouponId: 'ac_10', couponName: '10% off', amount: 1_000 },
    ]);
  });

  it('rounds tax half-up once per line and per rate, and a credit mirrors its charge', () => {
    const result = calculateInvoice({
      currency: 'USD',
      lines: [line('charge', 1_000, [rate('8.25')]), line('credit', -1_000, [rate('8.25')])],
      discounts: [],
    });
    expect(result.lines.map((l) => l.taxAmount)).toEqual([83, -83]);
    expect(result).toMatchObject({ subtotal: 0, taxTotal: 0, total: 0 });
    expect(result.taxBreakdown[0]).toMatchObject({ taxableAmount: 0, amount: 0 });
  });

  it('applies several exclusive rates each on the net base, never compounding', () => {
    const result = calculateInvoice({
      currency: 'CAD',
      lines: [line('a', 10_000, [rate('5', false, 'gst'), rate('9.975', false, 'qst')])],
      discounts: [],
    });
    expect(result.lines[0].taxes.map((t) => [t.taxRateId, t.taxableAmount, t.amount])).toEqual([
      ['gst', 10_000, 500],
      ['qst', 10_000, 998],
    ]);
    expect(result.total).toBe(11_498);
  });

  it('splits the tax of two inclusive rates in proportion to their percentages', () => {
    const result = calculateInvoice({
      currency: 'EUR',
      lines: [line('a', 11_500, [rate('10', true, 'x'), rate('5', true, 'y')])],
      discounts: [],
    });
    expect(result.lines[0]).toMatchObject({ netAmount: 10_000, taxAmount: 1_500, total: 11_500 });
    expect(result.lines[0].taxes.map((t) => t.amount)).toEqual([1_000, 500]);
  });

  it('counts a rate listed twice on a line once', () => {
    const vat = rate('20');
    const result = calculateInvoice({
      currency: 'GBP',
      lines: [line('a', 1_000, [vat, vat])],
      discounts: [],
    });
    expect(result.lines[0].taxes).toHaveLength(1);
    expect(result.taxTotal).toBe(200);
  });

  it('spreads a fixed discount over discountable lines in proportion, to the unit', () => {
    const result = calculateInvoice({
      currency: 'USD',
      lines: [
        line('a', 100),
        line('b', 100),
        line('c', 100),
        line('credit', -50),
        line('excluded', 500, [], false),
      ],
      discounts: [amountOff(100)],
    });
    // 100 / 3 = 33.33… each; the one unit left goes to the first of the equal remainders.
    expect(result.lines.map((l) => l.discountAmount)).toEqual([34, 33, 33, 0, 0]);
    expect(result.discountTotal).toBe(100);
  });

  it('caps a fixed discount at the discountable amount and never makes a line negative', () => {
    const result = calculateInvoice({
      currency: 'USD',
      lines: [line('a', 300, [rate('10')]), line('b', 200, [rate('10')])],
      discounts: [amountOff(5_000)],
    });
    expect(result.lines.map((l) => [l.discountAmount, l.netAmount, l.taxAmount])).toEqual([
      [300, 0, 0],
      [200, 0, 0],
    ]);
    expect(result).toMatchObject({ subtotal: 500, discountTotal: 500, total: 0 });
  });

  it('applies several discounts one after another on what remains, and leaves out one that discounted nothing', () => {
    const result = calculateInvoice({
      currency: 'USD',
      lines: [line('a', 10_000)],
      discounts: [
        percentOff('50', 'half'),
        amountOff(1_000, 'ten'),
        percentOff('100', 'all'),
        amountOff(1, 'late'),
      ],
    });
    // 10,000 → −5,000 → −1,000 → −4,000 (100% of what remains) → nothing left for 'late'.
    expect(result.lines[0].discounts).toEqual([
      { appliedCouponId: 'half', amount: 5_000 },
      { appliedCouponId: 'ten', amount: 1_000 },
      { appliedCouponId: 'all', amount: 4_000 },
    ]);
    expect(result.discountBreakdown.map((d) => d.appliedCouponId)).toEqual(['half', 'ten', 'all']);
    expect(result.total).toBe(0);
  });

  it('works in the currency’s minor units: JPY has none, KWD has three', () => {
    const jpy = calculateInvoice({
      currency: 'JPY',
      lines: [line('a', 1_005, [rate('10')])],
      discounts: [percentOff('15')],
    });
    // 1,005 − 151 (150.75 → 151) = 854; 10% = 85.4 → 85
    expect(jpy.lines[0]).toMatchObject({ discountAmount: 151, netAmount: 854, taxAmount: 85, total: 939 });
    const kwd = calculateInvoice({ currency: 'KWD', lines: [line('a', 12_345, [rate('5')])], discounts: [] });
    // 12.345 KWD × 5% = 0.61725 → 0.617
    expect(kwd.lines[0]).toMatchObject({ taxAmount: 617, total: 12_962 });
  });

  it('rejects malformed input as a programming error', () => {
    expect(() => calculateInvoice({ currency: 'XXY', lines: [], discounts: [] })).toThrow(RangeError);
    expect(() => calculateInvoice({ currency: 'USD', lines: [line('a', 1.5)], discounts: [] })).toThrow(
      RangeError,
    );
    expect(() =>
      calculateInvoice({ currency: 'USD', lines: [line('a', 100, [rate('100.00001')])], discounts: [] }),
    ).toThrow(RangeError);
    expect(() =>
      calculateInvoice({ currency: 'USD', lines: [line('a', 100)], discounts: [percentOff('101')] }),
    ).toThrow(RangeError);
  });
});

describe('allocateProportionally', () => {
  it('sums exactly and gives leftovers to the largest remainders', () => {
    expect(allocateProportionally(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocateProportionally(10, [1, 2])).toEqual([3, 7]);
    expect(allocateProportionally(0, [5, 5])).toEqual([0, 0]);
    expect(allocateProportionally(7, [0, 3, 4])).toEqual([0, 3, 4]);
  });
});
