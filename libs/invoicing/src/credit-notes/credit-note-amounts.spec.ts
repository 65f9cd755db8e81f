import { AppError } from '@app/core';
import { CreditableLine, CreditRequest, creditNoteLines } from './credit-note-amounts';

const vat = (rate: string, amount: number, taxableAmount: number) => ({
  taxRateId: `rate-${rate}`,
  name: `VAT ${rate}`,
  percentage: rate,
  inclusive: false,
  taxableAmount,
  amount,
});

const line = (overrides: Partial<CreditableLine> = {}): CreditableLine => ({
  id: 'a',
  description: 'Seats',
  quantity: '2',
  net: 10_000,
  tax: 1_900,
  taxes: [vat('19', 1_900, 10_000)],
  creditedNet: 0,
  creditedTax: 0,
  ...overrides,
});
const lineB = line({
  id: 'b',
  description: 'Support',
  quantity: '1',
  net: 5_000,
  tax: 350,
  taxes: [vat('7', 350, 5_000)],
});

const failure = (request: CreditRequest, lines: CreditableLine[]) => {
  try {
    creditNoteLines(request, lines);
  } catch (error) {
    const e = error as AppError;
    return { status: e.status, code: e.code, field: e.errors?.[0]?.field };
  }
  throw new Error('expected a failure');
};

describe('creditNoteLines', () => {
  it('credits a net amount with tax proportional to the line, rounded half-up once', () => {
    // 3333 × 1900 / 10000 = 633.27 → 633
    expect(creditNoteLines({ lines: [{ invoiceLineId: 'a', amount: 3_333 }] }, [line(), lineB])).toEqual([
      {
        invoiceLineId: 'a',
        description: 'Seats',
        amount: 3_333,
        taxAmount: 633,
        total: 3_966,
        taxes: [vat('19', 633, 3_333)],
      },
    ]);
  });

  it('credits a quantity as line net × quantity / line quantity', () => {
    const [credited] = creditNoteLines({ lines: [{ invoiceLineId: 'a', quantity: '0.5' }] }, [line()]);
    expect(credited).toMatchObject({ amount: 2_500, taxAmount: 475, total: 2_975 });
  });

  it('credits the whole remainder of a line when neither amount nor quantity is given', () => {
    const [credited] = creditNoteLines({ lines: [{ invoiceLineId: 'a' }] }, [
      line({ creditedNet: 3_333, creditedTax: 633 }),
    ]);
    expect(credited).toMatchObject({ amount: 6_667, taxAmount: 1_267, total: 7_934 });
  });

  it('spreads a lump sum over the lines by what remains, largest remainder first', () => {
    // weights 10000 and 5000 → 6001 splits 4000.67 / 2000.33 → 4001 / 2000
    const lines = creditNoteLines({ amount: 6_001 }, [line(), lineB]);
    expect(lines.map((l) => [l.invoiceLineId, l.amount, l.taxAmount, l.total])).toEqual([
      ['a', 4_001, 760, 4_761], // 4001 × 0.19 = 760.19
      ['b', 2_000, 140, 2_140],
    ]);
  });

  it('never credits more tax than the line carried, across several notes', () => {
    const tiny = line({ net: 10, tax: 1, taxes: [vat('10', 1, 10)] });
    const [first] = creditNoteLines({ lines: [{ invoiceLineId: 'a', amount: 5 }] }, [tiny]);
    expect(first.taxAmount).toBe(1); // 0.5 rounds half-up
    const [second] = creditNoteLines({ lines: [{ invoiceLineId: 'a', amount: 5 }] }, [
      { ...tiny, creditedNet: 5, creditedTax: 1 },
    ]);
    expect(second.taxAmount).toBe(0);
  });

  it.each([
    [{ lines: [{ invoiceLineId: 'a', amount: 10_001 }] }, 'credit_note_exceeds_creditable', 'lines.0.amount'],
    [
      { lines: [{ invoiceLineId: 'a', quantity: '3' }] },
      'credit_note_exceeds_creditable',
      'lines.0.quantity',
    ],
    [{ amount: 15_001 }, 'credit_note_exceeds_creditable', 'amount'],
    [{ lines: [{ invoiceLineId: 'a', amount: 0 }] }, 'invalid_amount', 'lines.0.amount'],
    [{ lines: [{ invoiceLineId: 'a', amount: -5 }] }, 'invalid_amount', 'lines.0.amount'],
    [{ lines: [{ invoiceLineId: 'a', amount: 1.5 }] }, 'invalid_amount', 'lines.0.amount'],
    [{ amount: 10.25 }, 'invalid_amount', 'amount'],
    [{ lines: [{ invoiceLineId: 'a', quantity: '-1' }] }, 'invalid_amount', 'lines.0.quantity'],
    [{ lines: [{ invoiceLineId: 'x' }] }, 'invalid_credit_note', 'lines.0.invoiceLineId'],
    [
      { lines: [{ invoiceLineId: 'a' }, { invoiceLineId: 'a' }] },
      'invalid_credit_note',
      'lines.1.invoiceLineId',
    ],
    [{ lines: [{ invoiceLineId: 'a', amount: 1, quantity: '1' }] }, 'invalid_credit_note', 'lines.0'],
    [{ lines: [], amount: 5 }, 'invalid_credit_note', 'lines'],
    [{}, 'invalid_credit_note', 'lines'],
  ])('refuses %j with 422 %s naming %s', (request, code, field) => {
    expect(failure(request as CreditRequest, [line(), lineB])).toEqual({ status: 422, code, field });
  });

  it('refuses a line with nothing left to credit', () => {
    expect(
      failure({ lines: [{ invoiceLineId: 'a' }] }, [line({ creditedNet: 10_000, creditedTax: 1_900 })]),
    ).toEqual({
      status: 422,
      code: 'credit_note_exceeds_creditable',
      field: 'lines.0.invoiceLineId',
    });
  });
});
