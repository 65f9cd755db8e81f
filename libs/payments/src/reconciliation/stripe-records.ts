import Stripe from 'stripe';
import type { DiscrepancyObjectType } from './reconciliation-discrepancy.entity';

/** A Stripe payment, refund or dispute, as reconciliation compares it with the local row. */
export interface StripeRecord {
  objectType: DiscrepancyObjectType;
  /** What a discrepancy names: the PaymentIntent (else the charge) of a payment, the refund, the dispute. */
  providerId: string;
  /** Every id a local row may carry for it (a payment: its charge and its PaymentIntent). */
  lookupIds: string[];
  amount: number;
  /** Upper-case, as stored locally. */
  currency: string;
  /** Stripe's status as the local model names it. */
  status: string;
  /** The local statuses that agree with Stripe's; null when Stripe's object could not be read (not compared). */
  acceptedStatuses: string[] | null;
  /** The processor fee the local row must hold; null when not compared. */
  fee: number | null;
}

const PAYMENT_TYPES = new Set(['charge', 'payment']);
const REFUND_TYPES = new Set(['refund', 'payment_refund', 'refund_failure', 'payment_failure_refund']);
const DISPUTE_CATEGORIES = new Set(['dispute', 'dispute_reversal']);

const idOf = (value: string | { id: string } | null): string | null =>
  value === null ? null : typeof value === 'string' ? value : value.id;

/** A charge's state in the local vocabulary: refunds first, and a disputed charge may also be `disputed`. */
function chargeStatuses(charge: Stripe.Charge): { status: string; accepted: string[] } {
  if (charge.status === 'pending') return { status: 'processing', accepted: ['pending', 'processing'] };
  if (charge.status === 'failed') return { status: 'failed', accepted: ['failed', 'canceled'] };
  const status =
    charge.amount_refunded >= charge.amount
      ? 'refunded'
      : charge.amount_refunded > 0
        ? 'partially_refunded'
        : 'succeeded';
  return { status, accepted: charge.disputed ? [status, 'disputed'] : [status] };
}

/** The fee is compared only when Stripe reports it in the charge's own currency (no settlement conversion). */
const feeIn = (txn: Stripe.BalanceTransaction | null, currency: string): number | null =>
  txn && txn.currency === currency ? txn.fee : null;

export function chargeRecord(charge: Stripe.Charge, txn: Stripe.BalanceTransaction | null): StripeRecord {
  const intentId = idOf(charge.payment_intent);
  const { status, accepted } = chargeStatuses(charge);
  return {
    objectType: 'payment',
    providerId: intentId ?? charge.id,
    lookupIds: intentId ? [charge.id, intentId] : [charge.id],
    amount: charge.amount,
    currency: charge.currency.toUpperCase(),
    status,
    acceptedStatuses: accepted,
    fee: feeIn(txn, charge.currency),
  };
}

export function refundRecord(refund: Stripe.Refund): StripeRecord {
  const status = refund.status === 'requires_action' ? 'pending' : (refund.status ?? 'pending');
  return {
    objectType: 'refund',
    providerId: refund.id,
    lookupIds: [refund.id],
    amount: refund.amount,
    currency: refund.currency.toUpperCase(),
    status,
    acceptedStatuses: [status],
    fee: null,
  };
}

/** The dispute fee is the fee of the withdrawal (`dispute` category), when that transaction is at hand. */
export function disputeRecord(
  dispute: Stripe.Dispute,
  withdrawal: Stripe.BalanceTransaction | null,
): StripeRecord {
  return {
    objectType: 'dispute',
    providerId: dispute.id,
    lookupIds: [dispute.id],
    amount: dispute.amount,
    currency: dispute.currency.toUpperCase(),
    status: dispute.status,
    acceptedStatuses: [dispute.status],
    fee: withdrawal ? withdrawal.fee : null,
  };
}

/**
 * The record a balance transaction (listed with `expand: ['data.source']`) stands for, or null when it is not
 * a payment, refund or dispute movement (payouts, Stripe fees, other adjustments).
 */
export function recordOfTransaction(txn: Stripe.BalanceTransaction): StripeRecord | null {
  const source = txn.source;
  const sourceId = idOf(source);
  if (!sourceId) return null;
  const expanded = typeof source === 'object' ? source : null;
  if (PAYMENT_TYPES.has(txn.type)) {
    if (expanded?.object === 'charge') return chargeRecord(expanded, txn);
    return unreadable('payment', sourceId, txn);
  }
  if (REFUND_TYPES.has(txn.type)) {
    if (expanded?.object === 'refund') return refundRecord(expanded);
    return unreadable('refund', sourceId, txn);
  }
  if (txn.type === 'adjustment' && DISPUTE_CATEGORIES.has(txn.reporting_category)) {
    const withdrawal = txn.reporting_category === 'dispute' ? txn : null;
    if (expanded?.object === 'dispute') return disputeRecord(expanded, withdrawal);
    return unreadable('dispute', sourceId, txn);
  }
  return null;
}

/** Stripe did not expand the source: only what the transaction itself says is compared. */
function unreadable(
  objectType: DiscrepancyObjectType,
  sourceId: string,
  txn: Stripe.BalanceTransaction,
): StripeRecord {
  return {
    objectType,
    providerId: sourceId,
    lookupIds: [sourceId],
    amount: Math.abs(txn.amount),
    currency: txn.currency.toUpperCase(),
    status: 'unknown',
    acceptedStatuses: null,
    fee: null,
  };
}

/**
 * Two transactions of one object in a period (a dispute's withdrawal and reversal, a refund and its failure)
 * make one record; the one carrying a fee to compare wins the fee.
 */
export function mergeRecords(existing: StripeRecord, next: StripeRecord): StripeRecord {
  const base = existing.acceptedStatuses === null ? next : existing;
  return { ...base, fee: existing.fee ?? next.fee };
}

const INTENT_STATUSES: Record<string, string[]> = {
  requires_payment_method: ['pending', 'failed'],
  requires_confirmation: ['pending'],
  requires_action: ['pending'],
  processing: ['processing'],
  canceled: ['canceled'],
  succeeded: ['succeeded'],
};

/** A PaymentIntent without a charge: only its status can be compared. */
export function intentRecord(intent: Stripe.PaymentIntent): StripeRecord {
  return {
    objectType: 'payment',
    providerId: intent.id,
    lookupIds: [intent.id],
    amount: intent.amount,
    currency: intent.currency.toUpperCase(),
    status: intent.status,
    acceptedStatuses: INTENT_STATUSES[intent.status] ?? [],
    fee: null,
  };
}
