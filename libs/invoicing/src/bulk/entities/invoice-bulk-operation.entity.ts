import { Check, Column, Entity } from 'typeorm';
import { TenantEntity } from '@app/core';
import { InvoiceStatus } from '../../entities/invoice.entity';

export const BULK_ACTIONS = ['finalize', 'send', 'void', 'mark_uncollectible'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

export const BULK_OPERATION_STATUSES = ['queued', 'running', 'completed'] as const;
export type BulkOperationStatus = (typeof BULK_OPERATION_STATUSES)[number];

/** The criteria a filter selection was resolved from (kept for the record; the items are the snapshot). */
export interface BulkFilter {
  status?: InvoiceStatus;
  customerId?: string;
  subscriptionId?: string;
  createdFrom?: string;
  createdTo?: string;
  overdue?: boolean;
}

/** One bulk action over a fixed set of invoices (its items), run by the RunInvoiceBulkOperation job. */
@Entity('invoice_bulk_operations')
@Check('invoice_bulk_operations_action_check', `action IN ('finalize', 'send', 'void', 'mark_uncollectible')`)
@Check('invoice_bulk_operations_status_check', `status IN ('queued', 'running', 'completed')`)
@Check(
  'invoice_bulk_operations_counts_check',
  'processed = succeeded + failed AND processed <= total AND succeeded >= 0 AND failed >= 0',
)
export class InvoiceBulkOperation extends TenantEntity {
  @Column('text')
  action: BulkAction;

  @Column('text')
  status: BulkOperationStatus;

  /** The filter the invoices were selected by; null when they were listed by id. */
  @Column('jsonb', { nullable: true })
  filter: BulkFilter | null;

  @Column('int')
  total: number;

  @Column('int', { default: 0 })
  processed: number;

  @Column('int', { default: 0 })
  succeeded: number;

  @Column('int', { default: 0 })
  failed: number;

  /** User or API key id. */
  @Column('text')
  requestedBy: string;

  @Column('timestamptz', { nullable: true })
  startedAt: Date | null;

  @Column('timestamptz', { nullable: true })
  finishedAt: Date | null;
}
