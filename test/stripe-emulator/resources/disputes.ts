import { invalidRequest } from '../http/errors';
import { Router } from '../http/router';
import { mergeMetadata, optionalBoolean, optionalObject, optionalString } from '../http/params';
import { newId } from '../state/ids';
import { paginate } from '../state/list';
import { Dispute } from '../state/objects';
import { recordBalanceTransaction } from './balance-transactions';
import { ResourceContext } from './context';

const EVIDENCE_WINDOW_SECONDS = 7 * 86_400;
const OPEN_STATUSES = new Set<Dispute['status']>([
  'needs_response',
  'under_review',
  'warning_needs_response',
  'warning_under_review',
]);

/** Stripe opens the dispute of a `pm_card_createDispute` charge shortly after the charge succeeds. */
export function scheduleDispute(
  ctx: ResourceContext,
  chargeId: string,
  kind: 'fraudulent' | 'inquiry',
): void {
  ctx.later(ctx.settings.disputeDelayMs, (later) => {
    if (later.account.charges.get(chargeId)) openDispute(later, chargeId, kind);
  });
}

export function openDispute(ctx: ResourceContext, chargeId: string, kind: 'fraudulent' | 'inquiry'): Dispute {
  const charge = ctx.account.charges.require(chargeId, 'charge');
  const now = ctx.now();
  const dispute: Dispute = {
    id: newId('dp'),
    object: 'dispute',
    amount: charge.amount - charge.amount_refunded,
    balance_transactions: [],
    charge: charge.id,
    created: now,
    currency: charge.currency,
    evidence: { uncategorized_text: null },
    evidence_details: {
      due_by: now + EVIDENCE_WINDOW_SECONDS,
      has_evidence: false,
      past_due: false,
      submission_count: 0,
    },
    is_charge_refundable: false,
    metadata: {},
    payment_intent: charge.payment_intent,
    reason: kind === 'inquiry' ? 'general' : 'fraudulent',
    status: kind === 'inquiry' ? 'warning_needs_response' : 'needs_response',
    livemode: false,
  };
  if (kind === 'fraudulent') {
    dispute.balance_transactions.push(
      recordBalanceTransaction(ctx, {
        amount: -dispute.amount,
        currency: dispute.currency,
        fee: ctx.settings.disputeFee,
        type: 'adjustment',
        reporting_category: 'dispute',
        source: dispute.id,
        description: `Chargeback withdrawal for ${charge.id}`,
      }),
    );
  }
  charge.disputed = true;
  ctx.account.disputes.add(dispute);
  ctx.emit('charge.dispute.created', dispute);
  return dispute;
}

/** Ends a dispute; winning a chargeback returns the withdrawn amount and fee. */
export function closeDispute(ctx: ResourceContext, dispute: Dispute, outcome: 'won' | 'lost'): Dispute {
  if (!OPEN_STATUSES.has(dispute.status))
    throw invalidRequest(
      `This dispute is already closed (status ${dispute.status}).`,
      'dispute_already_closed',
    );
  const previousStatus = dispute.status;
  const inquiry = dispute.status.startsWith('warning_');
  dispute.status = inquiry ? 'warning_closed' : outcome;
  if (!inquiry && outcome === 'won') {
    dispute.balance_transactions.push(
      recordBalanceTransaction(ctx, {
        amount: dispute.amount,
        currency: dispute.currency,
        fee: -ctx.settings.disputeFee,
        type: 'adjustment',
        reporting_category: 'dispute_reversal',
        source: dispute.id,
        description: `Chargeback reversal for ${dispute.charge}`,
      }),
    );
  }
  ctx.emit('charge.dispute.closed', dispute, { status: previousStatus });
  return dispute;
}

/** After the evidence deadline an unanswered dispute is lost (run when a test advances the clock). */
export function expireOverdueDisputes(ctx: ResourceContext): void {
  for (const dispute of ctx.account.disputes.all()) {
    const unanswered = dispute.status === 'needs_response' || dispute.status === 'warning_needs_response';
    if (!unanswered || dispute.evidence_details.due_by > ctx.now()) continue;
    dispute.evidence_details.past_due = true;
    closeDispute(ctx, dispute, 'lost');
  }
}

export function registerDisputeRoutes(router: Router<ResourceContext>): void {
  router
    .add('GET', '/v1/disputes', (ctx, params) => {
      const charge = optionalString(params, 'charge');
      const intent = optionalString(params, 'payment_intent');
      const items = ctx.account.disputes
        .all()
        .filter((d) => (!charge || d.charge === charge) && (!intent || d.payment_intent === intent));
      return paginate(items, params, '/v1/disputes');
    })
    .add('GET', '/v1/disputes/:id', (ctx, _params, path) => ctx.account.disputes.require(path.id))
    .add('POST', '/v1/disputes/:id', (ctx, params, path) => {
      const dispute = ctx.account.disputes.require(path.id);
      if (!OPEN_STATUSES.has(dispute.status))
        throw invalidRequest('This dispute is already closed.', 'dispute_already_closed');
      const previous = { status: dispute.status, evidence: { ...dispute.evidence } };
      const evidence = optionalObject(params, 'evidence') ?? {};
      for (const [key, value] of Object.entries(evidence))
        if (typeof value === 'string') dispute.evidence[key] = value;
      dispute.metadata = mergeMetadata(dispute.metadata, params);
      if (Object.keys(evidence).length > 0) dispute.evidence_details.has_evidence = true;
      if (optionalBoolean(params, 'submit') ?? true) {
        dispute.evidence_details.submission_count += 1;
        if (dispute.status === 'needs_response') dispute.status = 'under_review';
        if (dispute.status === 'warning_needs_response') dispute.status = 'warning_under_review';
      }
      ctx.emit('charge.dispute.updated', dispute, previous);
      return dispute;
    })
    .add('POST', '/v1/disputes/:id/close', (ctx, _params, path) =>
      closeDispute(ctx, ctx.account.disputes.require(path.id), 'lost'),
    );
}
