import fc from 'fast-check';
import { CREDIT_GRANT_TYPES, CreditGrantType } from '@app/credits';
import { CreditNoteOutcome } from '@app/invoicing';

/** The currencies customers are billed in: one with cents, one without minor units. */
export const CURRENCIES = ['USD', 'JPY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Which tax rate a line names: none (no default exists), the exclusive one or the inclusive one. */
export type LineTax = 'none' | 'exclusive' | 'inclusive';
/** The coupons every run creates (see InvariantWorld.setUp). */
export const COUPON_CODES = ['PCT12_5_FOREVER', 'PCT25_TWICE', 'USD5_ONCE', 'JPY500_ONCE'] as const;
export type CouponCode = (typeof COUPON_CODES)[number];
/** `past`: granted with a future expiry, then moved into the past with SQL and left for the expiry job. */
export type GrantExpiry = 'none' | 'future' | 'past';

export interface InvoiceLineSpec {
  quantity: number;
  /** Major units, up to 3 decimals, so most lines round. */
  unitAmount: string;
  tax: LineTax;
}

/**
 * How a credit note names what it credits: a lump `amount` spread over the lines, an amount on one line,
 * or one line's whole remainder. `percent` of what remains creditable (over 100: more than allowed).
 */
export type CreditNoteMode = 'amount' | 'line' | 'wholeLine';

/** `pick`s select among existing customers, invoices or grants modulo their count. */
export type Step =
  | {
      op: 'grant';
      customer: number;
      type: CreditGrantType;
      amount: number;
      priority: number;
      expiry: GrantExpiry;
    }
  | { op: 'invoice'; customer: number; lines: InvoiceLineSpec[] }
  | { op: 'void'; pick: number }
  | { op: 'uncollectible'; pick: number }
  | { op: 'coupon'; customer: number; code: CouponCode }
  | {
      op: 'creditNote';
      pick: number;
      outcome: CreditNoteOutcome;
      mode: CreditNoteMode;
      line: number;
      percent: number;
    }
  | { op: 'expire'; pick: number }
  | { op: 'voidGrant'; pick: number };

const pick = fc.nat({ max: 30 });

const line: fc.Arbitrary<InvoiceLineSpec> = fc.record({
  quantity: fc.integer({ min: 1, max: 5 }),
  unitAmount: fc.integer({ min: 1, max: 500_000 }).map((n) => (n / 1000).toString()),
  tax: fc.constantFrom<LineTax>('none', 'exclusive', 'inclusive'),
});

export const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('grant' as const),
      customer: pick,
      type: fc.constantFrom(...CREDIT_GRANT_TYPES),
      amount: fc.integer({ min: 1, max: 50_000 }),
      priority: fc.integer({ min: 0, max: 2 }),
      expiry: fc.constantFrom<GrantExpiry>('none', 'future', 'past'),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('invoice' as const),
      customer: pick,
      lines: fc.array(line, { minLength: 1, maxLength: 3 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('void' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('uncollectible' as const), pick }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('coupon' as const),
      customer: pick,
      code: fc.constantFrom(...COUPON_CODES),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('creditNote' as const),
      pick,
      // Refunds are always refused (nothing is paid before the payments issue): less often.
      outcome: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom<CreditNoteOutcome>('reduce_amount_due', 'customer_credit') },
        { weight: 1, arbitrary: fc.constant<CreditNoteOutcome>('refund') },
      ),
      mode: fc.constantFrom<CreditNoteMode>('amount', 'line', 'wholeLine'),
      line: fc.nat({ max: 2 }),
      percent: fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 1, max: 100 }) },
        { weight: 1, arbitrary: fc.integer({ min: 101, max: 130 }) },
      ),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('expire' as const), pick }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('voidGrant' as const), pick }) },
);

/** 2–3 customers (their currencies) and up to 12 steps. */
export const scenarioArbitrary = fc.record({
  customers: fc.array(fc.constantFrom(...CURRENCIES), { minLength: 2, maxLength: 3 }),
  steps: fc.array(stepArbitrary, { minLength: 1, maxLength: 12 }),
});
export type Scenario = { customers: Currency[]; steps: Step[] };
