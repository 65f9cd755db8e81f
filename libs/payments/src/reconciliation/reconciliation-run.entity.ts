import { Check, Column, Entity, Index } from 'typeorm';
import { TenantEntity } from '@app/core';

export const RECONCILIATION_TRIGGERS = ['scheduled', 'manual'] as const;
export type ReconciliationTrigger = (typeof RECONCILIATION_TRIGGERS)[number];

export const RECONCILIATION_STATUSES = ['running', 'completed', 'failed'] as const;
export type ReconciliationStatus = (typeof RECONCILIATION_STATUSES)[number];

export const DISCREPANCY_KINDS = [
  'missing_locally',
  'missing_at_stripe',
  'amount_mismatch',
  'status_mismatch',
  'currency_mismatch',
  'fee_mismatch',
] as const;
export type DiscrepancyKind = (typeof DISCREPANCY_KINDS)[number];

/** Minor units per currency (upper-case ISO 4217): amounts of different currencies are never added. */
export type AmountsByCurrency = Record<string, number>;

/** What a completed run found (docs/payments-reconciliation.md). */
export interface ReconciliationTotals {
  /** Balance transactions Stripe listed for the period. */
  balanceTransactions: number;
  /** Stripe objects (payments, refunds, disputes) that agreed with their local row in every respect. */
  matched: number;
  discrepancies: number;
  byKind: Record<DiscrepancyKind, { count: number; amounts: AmountsByCurrency }>;
  /** Σ of the balance transactions' amount, fee and net, per currency. */
  stripe: Record<string, { gross: number; fee: number; net: number }>;
}

/**
 * One comparison of the org's Stripe balance transactions of [periodStart, periodEnd) with the local payments,
 * refunds and disputes; its findings are the discrepancies. One scheduled run per org and period.
 */
@Entity('reconciliation_runs')
@Index('reconciliation_runs_org_id_period_scheduled_key', ['orgId', 'periodStart', 'periodEnd'], {
  unique: true,
  where: "trigger = 'scheduled'",
})
@Check('reconciliation_runs_trigger_check', `trigger IN ('scheduled', 'manual')`)
@Check('reconciliation_runs_status_check', `status IN ('running', 'completed', 'failed')`)
@Check('reconciliation_runs_period_check', 'period_start < period_end')
export class ReconciliationRun extends TenantEntity {
  @Column('timestamptz')
  periodStart: Date;

  @Column('timestamptz')
  periodEnd: Date;

  @Column('text')
  trigger: ReconciliationTrigger;

  @Column('text')
  status: ReconciliationStatus;

  /** Set when the run completes. */
  @Column('jsonb', { nullable: true })
  totals: ReconciliationTotals | null;

  /** User or API key that asked for a manual run. */
  @Column('text', { nullable: true })
  requestedBy: string | null;

  @Column('timestamptz')
  startedAt: Date;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  /** Why the last attempt failed (e.g. Stripe kept answering 500). */
  @Column('text', { nullable: true })
  error: string | null;
}
