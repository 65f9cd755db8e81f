import { Column, Entity, Index } from 'typeorm';
import { MinorUnitsColumn, TenantEntity } from '@app/core';

/**
 * A chargeback or inquiry opened by the cardholder's bank on a Stripe payment (docs/payments-refunds-disputes.md).
 * `status` is Stripe's (`warning_needs_response`, `needs_response`, `under_review`, `won`, `lost`, …).
 */
@Entity('disputes')
@Index('disputes_org_id_provider_dispute_id_key', ['orgId', 'providerDisputeId'], { unique: true })
@Index('disputes_org_id_payment_id_idx', ['orgId', 'paymentId'])
export class Dispute extends TenantEntity {
  @Column('uuid')
  paymentId: string;

  @Column('uuid')
  customerId: string;

  @Column('text')
  providerDisputeId: string;

  @MinorUnitsColumn()
  amount: number;

  @Column('char', { length: 3 })
  currency: string;

  @Column('text')
  reason: string;

  @Column('text')
  status: string;

  @Column('timestamptz', { nullable: true })
  evidenceDueBy: Date | null;

  /** The dispute fee the processor charged, once known. */
  @MinorUnitsColumn({ nullable: true })
  fee: number | null;

  /** When the ledger and invoices were settled for the outcome (won or lost): set once. */
  @Column('timestamptz', { nullable: true })
  closedAt: Date | null;
}
