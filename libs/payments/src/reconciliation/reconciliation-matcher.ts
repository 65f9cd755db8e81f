import type { DiscrepancyObjectType } from './reconciliation-discrepancy.entity';
import type { DiscrepancyKind } from './reconciliation-run.entity';
import type { StripeRecord } from './stripe-records';

/** The local payment, refund or dispute as reconciliation sees it. */
export interface LocalRecord {
  id: string;
  objectType: DiscrepancyObjectType;
  /** Stripe's id as stored locally (PaymentIntent, else charge, of a payment). */
  providerId: string | null;
  amount: number;
  currency: string;
  status: string;
  /** Null while unknown; refunds have none. */
  fee: number | null;
}

/** A discrepancy before it is stored: `expected*` is Stripe's side, `actual*` the local one. */
export interface Finding {
  kind: DiscrepancyKind;
  objectType: DiscrepancyObjectType;
  providerId: string | null;
  localId: string | null;
  expectedAmount: number | null;
  expectedCurrency: string | null;
  actualAmount: number | null;
  actualCurrency: string | null;
  expectedStatus: string | null;
  actualStatus: string | null;
  detail: string;
}

const label = (r: { objectType: string; providerId: string | null }): string =>
  `${r.objectType} ${r.providerId ?? ''}`.trim();

export function missingLocally(stripe: StripeRecord): Finding {
  return {
    kind: 'missing_locally',
    objectType: stripe.objectType,
    providerId: stripe.providerId,
    localId: null,
    expectedAmount: stripe.amount,
    expectedCurrency: stripe.currency,
    actualAmount: null,
    actualCurrency: null,
    expectedStatus: stripe.status,
    actualStatus: null,
    detail: `Stripe ${label(stripe)} (${stripe.amount} ${stripe.currency}, ${stripe.status}) has no local ${stripe.objectType}.`,
  };
}

export function missingAtStripe(local: LocalRecord, why: string): Finding {
  return {
    kind: 'missing_at_stripe',
    objectType: local.objectType,
    providerId: local.providerId,
    localId: local.id,
    expectedAmount: null,
    expectedCurrency: null,
    actualAmount: local.amount,
    actualCurrency: local.currency,
    expectedStatus: null,
    actualStatus: local.status,
    detail: `Local ${local.objectType} ${local.id} (${local.amount} ${local.currency}, ${local.status}): ${why}.`,
  };
}

/**
 * Every way the local row disagrees with Stripe. A currency mismatch makes amounts and fees incomparable, so
 * it is reported instead of them; the status is always compared.
 */
export function compare(stripe: StripeRecord, local: LocalRecord): Finding[] {
  const base = {
    objectType: stripe.objectType,
    providerId: stripe.providerId,
    localId: local.id,
    expectedStatus: stripe.status,
    actualStatus: local.status,
  };
  const of = (kind: DiscrepancyKind, detail: string, amounts: Partial<Finding> = {}): Finding => ({
    ...base,
    kind,
    expectedAmount: stripe.amount,
    expectedCurrency: stripe.currency,
    actualAmount: local.amount,
    actualCurrency: local.currency,
    detail: `${label(stripe)}: ${detail}.`,
    ...amounts,
  });
  const findings: Finding[] = [];
  const sameCurrency = stripe.currency === local.currency.toUpperCase();
  if (!sameCurrency)
    findings.push(
      of('currency_mismatch', `Stripe's currency is ${stripe.currency}, local ${local.currency}`),
    );
  if (sameCurrency && stripe.amount !== local.amount)
    findings.push(of('amount_mismatch', `Stripe's amount is ${stripe.amount}, local ${local.amount}`));
  if (stripe.acceptedStatuses && !stripe.acceptedStatuses.includes(local.status))
    findings.push(
      of(
        'status_mismatch',
        `Stripe's status is ${stripe.acceptedStatuses.join(' or ')}, local ${local.status}`,
      ),
    );
  if (sameCurrency && stripe.fee !== null && stripe.fee !== local.fee)
    findings.push(
      of('fee_mismatch', `Stripe's fee is ${stripe.fee}, local ${local.fee ?? 'not recorded'}`, {
        expectedAmount: stripe.fee,
        actualAmount: local.fee,
      }),
    );
  return findings;
}

/** The amount a finding weighs in the run's totals: the object's amount, or the difference for amounts and fees. */
export function findingAmount(finding: Finding): { currency: string; amount: number } | null {
  const currency = finding.expectedCurrency ?? finding.actualCurrency;
  if (!currency) return null;
  if (finding.kind === 'amount_mismatch' || finding.kind === 'fee_mismatch')
    return { currency, amount: Math.abs((finding.expectedAmount ?? 0) - (finding.actualAmount ?? 0)) };
  return { currency, amount: finding.expectedAmount ?? finding.actualAmount ?? 0 };
}
