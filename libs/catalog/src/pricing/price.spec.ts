import { PricingError, priceCharge, validateCharge } from './index';

const tiers = (...rows: [string, string | null, string, string?][]) =>
  rows.map(([from, upTo, unitAmount, flatAmount = '0']) => ({ from, upTo, unitAmount, flatAmount }));

/** Stripe "tiered pricing": units 1–5 at $7, 6–10 at $6.50, 11+ at $6. */
const STRIPE_TIERS = tiers(['0', '5', '7'], ['5', '10', '6.5'], ['10', null, '6']);

describe('pricing engine: worked examples', () => {
  describe("Stripe's tiered pricing (1–5 @ $7, 6–10 @ $6.50, 11+ @ $6)", () => {
    it.each([
      // graduated: each unit at the price of the tier it falls in
      ['graduated', '5', 3500], //  5×7 = 35.00
      ['graduated', '6', 4150], //  5×7 + 1×6.50 = 41.50
      ['graduated', '11', 7350], // 5×7 + 5×6.50 + 1×6 = 35 + 32.50 + 6 = 73.50
      // volume: every unit at the price of the tier the total reaches
      ['volume', '5', 3500], //  5×7 = 35.00
      ['volume', '6', 3900], //  6×6.50 = 39.00
      ['volume', '11', 6600], // 11×6 = 66.00
    ])('%s, %s units → %i cents', (model, quantity, amount) => {
      expect(priceCharge({ model, properties: { tiers: STRIPE_TIERS } }, { quantity }, 'USD').amount).toBe(
        amount,
      );
    });

    it('shows the tiers in the breakdown', () => {
      const result = priceCharge(
        { model: 'graduated', properties: { tiers: STRIPE_TIERS } },
        { quantity: '11' },
        'USD',
      );
      expect(result.breakdown.map((l) => [l.tier, l.units, l.unitAmount, l.amount])).toEqual([
        [0, '5', '7', '35'],
        [1, '5', '6.5', '32.5'],
        [2, '1', '6', '6'],
      ]);
      expect(result).toMatchObject({ quantity: '11', exactAmount: '73.5', unitAmount: '6.681818181818' });
    });

    it('adds a flat amount per tier reached (graduated) or for the tier reached (volume)', () => {
      const withFlat = tiers(['0', '5', '7', '10'], ['5', '10', '6.5', '5'], ['10', null, '6', '0']);
      // graduated 6: 35 + 10 + 6.50 + 5 = 56.50; volume 6: 39 + 5 = 44.00
      expect(
        priceCharge({ model: 'graduated', properties: { tiers: withFlat } }, { quantity: '6' }, 'USD').amount,
      ).toBe(5650);
      expect(
        priceCharge({ model: 'volume', properties: { tiers: withFlat } }, { quantity: '6' }, 'USD').amount,
      ).toBe(4400);
      // no usage, no tier reached, no flat amount
      expect(
        priceCharge({ model: 'graduated', properties: { tiers: withFlat } }, { quantity: '0' }, 'USD').amount,
      ).toBe(0);
      expect(
        priceCharge({ model: 'volume', properties: { tiers: withFlat } }, { quantity: '0' }, 'USD').amount,
      ).toBe(0);
    });
  });

  describe("Lago's documented examples", () => {
    it('graduated: $1 for the first 100 units, $0.50 for the next 100, $0.10 after', () => {
      const properties = { tiers: tiers(['0', '100', '1'], ['100', '200', '0.5'], ['200', null, '0.1']) };
      // 150 units: 100×1 + 50×0.50 = 125.00; 250 units: 100 + 50 + 50×0.10 = 155.00
      expect(priceCharge({ model: 'graduated', properties }, { quantity: '150' }, 'USD').amount).toBe(12500);
      expect(priceCharge({ model: 'graduated', properties }, { quantity: '250' }, 'USD').amount).toBe(15500);
    });

    it('volume: 65,000 API calls at the third tier ($0.0006) plus its $10 fee = $49', () => {
      const properties = {
        tiers: tiers(
          ['0', '10000', '0.001', '10'],
          ['10000', '50000', '0.0008', '10'],
          ['50000', '100000', '0.0006', '10'],
          ['100000', null, '0.0004', '10'],
        ),
      };
      expect(priceCharge({ model: 'volume', properties }, { quantity: '65000' }, 'USD').amount).toBe(4900);
    });

    it('package: $5 per 100 units after 100 free units, a started package counts in full', () => {
      const properties = { amount: '5', packageSize: 100, freeUnits: 100 };
      const price = (quantity: string) =>
        priceCharge({ model: 'package', properties }, { quantity }, 'USD').amount;
      expect(price('0')).toBe(0);
      expect(price('100')).toBe(0); //   all free
      expect(price('101')).toBe(500); // 1 unit over → 1 package
      expect(price('200')).toBe(500); // 100 over → 1 package
      expect(price('201')).toBe(1000); // 101 over → 2 packages
    });

    it('percentage: 1.2 % of the transactions plus $0.10 per transaction', () => {
      // 3 transactions of $100, $200, $300: 1.2 % × 600 = 7.20, + 3 × 0.10 = 7.50
      const result = priceCharge(
        { model: 'percentage', properties: { rate: '1.2', fixedAmount: '0.1' } },
        { quantity: '600', eventCount: 3 },
        'USD',
      );
      expect(result.amount).toBe(750);
      expect(result.breakdown.map((l) => l.amount)).toEqual(['7.2', '0.3']);
    });

    it("percentage: Stripe's card price modelled in Lago, 2.9 % + $0.30", () => {
      // 10 charges summing $1,234.56: 35.80224 + 3.00 = 38.80224 → 3880 cents, rounded once
      expect(
        priceCharge(
          { model: 'percentage', properties: { rate: '2.9', fixedAmount: '0.30' } },
          { quantity: '1234.56', eventCount: 10 },
          'USD',
        ).amount,
      ).toBe(3880);
    });

    it('percentage with a per-event minimum and maximum', () => {
      // 1 % + $0.10, min $0.50, max $5 on events of $10, $100, $1000:
      // fees 0.20 → 0.50, 1.10, 10.10 → 5.00; total 6.60
      const result = priceCharge(
        {
          model: 'percentage',
          properties: { rate: '1', fixedAmount: '0.10', perEventMinAmount: '0.50', perEventMaxAmount: '5' },
        },
        { quantity: '1110', eventValues: ['10', '100', '1000'] },
        'USD',
      );
      expect(result.amount).toBe(660);
      expect(result.breakdown.map((l) => l.amount)).toEqual(['11.1', '0.3', '-4.8']);
    });
  });

  describe('rounding: half-up, once per line, to the currency minor unit', () => {
    it.each([
      ['USD', '0.004', '3', 1], //   0.012 USD → 1.2 cents → 1 (per-unit rounding would give 0)
      ['USD', '0.005', '1', 1], //   0.5 cents → 1
      ['USD', '0.0049', '1', 0], //  0.49 cents → 0
      ['JPY', '0.5', '3', 2], //     1.5 yen → 2
      ['JPY', '0.49', '1', 0], //    0.49 yen → 0
      ['KWD', '0.0005', '3', 2], //  1.5 fils → 2
      ['KWD', '1.2345', '1', 1235], // 1234.5 fils → 1235
    ])('%s: %s × %s → %i minor units', (currency, unitAmount, quantity, amount) => {
      expect(
        priceCharge({ model: 'standard', properties: { unitAmount } }, { quantity }, currency).amount,
      ).toBe(amount);
    });

    it('keeps full precision far beyond 20 significant digits', () => {
      // 0.0049999999999 × 1 with 1e-13 extra: still under half a cent
      const result = priceCharge(
        { model: 'standard', properties: { unitAmount: '0.004999999999' } },
        { quantity: '1.00000000000000000001' },
        'USD',
      );
      expect(result.exactAmount).toBe('0.00499999999900000000004999999999');
      expect(result.amount).toBe(0);
    });
  });

  describe('input errors name the field', () => {
    it.each([
      [{ tiers: tiers(['1', '5', '7'], ['5', null, '6']) }, 'properties.tiers[0].from'],
      [{ tiers: tiers(['0', '5', '7'], ['6', null, '6']) }, 'properties.tiers[1].from'],
      [{ tiers: tiers(['0', '5', '7'], ['5', '5', '6'], ['5', null, '1']) }, 'properties.tiers[1].upTo'],
      [{ tiers: tiers(['0', '5', '7'], ['5', '10', '6'], ['10', '20', '1']) }, 'properties.tiers[2].upTo'],
      [{ tiers: tiers(['0', null, '7'], ['5', null, '6']) }, 'properties.tiers[0].upTo'],
      [{ tiers: tiers(['0', null, '-7']) }, 'properties.tiers[0].unitAmount'],
      [{ tiers: [] }, 'properties.tiers'],
      [{ tiers: [{ from: '0', upTo: null, unitAmount: '1', colour: 'red' }] }, 'properties.tiers[0].colour'],
    ])('%j → %s', (properties, field) => {
      const result = validateCharge('graduated', properties);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.errors.map((e) => e.field)).toContain(field);
    });

    it('rejects other models’ properties and unknown models', () => {
      const errors = (model: string, properties: unknown) => {
        const result = validateCharge(model, properties);
        return result.ok ? [] : result.errors.map((e) => e.field);
      };
      expect(errors('flat', {})).toEqual(['model']);
      expect(errors('standard', { unitAmount: 1e21 })).toEqual(['properties.unitAmount']);
      expect(errors('standard', { unitAmount: '1', tiers: [] })).toEqual(['properties.tiers']);
      expect(errors('package', { amount: '5', packageSize: 0 })).toEqual(['properties.packageSize']);
      expect(errors('package', { amount: '5', packageSize: 10, freeUnits: 1.5 })).toEqual([
        'properties.freeUnits',
      ]);
      expect(errors('percentage', { rate: '101' })).toEqual(['properties.rate']);
      expect(errors('percentage', { rate: '1', perEventMinAmount: '5', perEventMaxAmount: '1' })).toEqual([
        'properties.perEventMaxAmount',
      ]);
      expect(errors('standard', null)).toEqual(['properties']);
    });

    it('normalises decimals and defaults', () => {
      expect(validateCharge('graduated', { tiers: [{ from: 0, upTo: null, unitAmount: '1.50' }] })).toEqual({
        ok: true,
        value: {
          model: 'graduated',
          properties: { tiers: [{ from: '0', upTo: null, unitAmount: '1.5', flatAmount: '0' }] },
        },
      });
      expect(validateCharge('package', { amount: '5', packageSize: 10 })).toMatchObject({
        value: { properties: { freeUnits: 0 } },
      });
    });

    it('throws a PricingError for a bad quantity, currency or usage', () => {
      const standard = { model: 'standard', properties: { unitAmount: '1' } };
      const fieldsOf = (fn: () => unknown) => {
        try {
          fn();
        } catch (error) {
          if (error instanceof PricingError) return error.errors.map((e) => e.field);
          throw error;
        }
        return [];
      };
      expect(fieldsOf(() => priceCharge(standard, { quantity: '-1' }, 'USD'))).toEqual(['quantity']);
      expect(fieldsOf(() => priceCharge(standard, { quantity: '1e3' }, 'USD'))).toEqual(['quantity']);
      expect(fieldsOf(() => priceCharge(standard, { quantity: '1' }, 'XXY'))).toEqual(['currency']);
      const fee = { model: 'percentage', properties: { rate: '1', fixedAmount: '0.1' } };
      expect(fieldsOf(() => priceCharge(fee, { quantity: '1' }, 'USD'))).toEqual(['eventCount']);
      const capped = { model: 'percentage', properties: { rate: '1', perEventMaxAmount: '1' } };
      expect(fieldsOf(() => priceCharge(capped, { quantity: '3', eventValues: ['1', '1'] }, 'USD'))).toEqual([
        'eventValues',
      ]);
    });
  });
});
