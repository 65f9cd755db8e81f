import { Check, Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';
import type { DiscrepancyKind } from './reconciliation-run.entity';

export const DISCREPANCY_OBJECT_TYPES = ['payment', 'refund', 'dispute'] as const;
export type DiscrepancyObjectType = (typeof DISCREPANCY_OBJECT_TYPES)[number];

/**
 * One disagreement between Stripe and the local books found by a run. `expected*` is what Stripe says,
 * `actual*` what the local row says (null when that side has no such object or value).
 */
@Entity('reconciliation_discrepancies')
@Index('reconciliation_discrepancies_org_id_run_id_idx', ['orgId', 'runId'])
@Check(
  'reconciliation_discrepancies_kind_check',
  `kind IN ('missing_locally', 'missing_at_stripe', 'amount_mismatch', 'status_mismatch', 'currency_mismatch', 'fee_mismatch')`,
)
@Check('reconciliation_discrepancies_object_type_check', `object_type IN ('payment', 'refund', 'dispute')`)
export class ReconciliationDiscrepancy extends TenantEntity {
  @Column('uuid')
  runId: string;

  @Column('text')
  kind: DiscrepancyKind;

  @Column('text')
  objectType: DiscrepancyObjectType;

  /** Stripe's id: the PaymentIntent (else the charge) of a payment, the refund's, the dispute's. */
  @Column('text', { nullable: true })
  providerId: string | null;

  /** The local payment, refund or dispute. */
  @Column('uuid', { nullable: true })
  localId: string | null;

  @MinorUnitsColumn({ nullable: true })
  expectedAmount: number | null;

  @Column('char', { length: 3, nullable: true })
  expectedCurrency: string | null;

  @MinorUnitsColumn({ nullable: true })
  actualAmount: number | null;

  @Column('char', { length: 3, nullable: true })
  actualCurrency: string | null;

  @Column('text', { nullable: true })
  expectedStatus: string | null;

  @Column('text', { nullable: true })
  actualStatus: string | null;

  @Column('text')
  detail: string;

  @Column('timestamptz', { nullable: true })
  resolvedAt: Date | null;

  /** User or API key id. */
  @Column('text', { nullable: true })
  resolvedBy: string | null;

  @Column('text', { nullable: true })
  resolutionNote: string | null;
}
