import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { InvoiceBulkOperation } from './invoice-bulk-operation.entity';

export const BULK_ITEM_STATUSES = ['pending', 'succeeded', 'failed'] as const;
export type BulkItemStatus = (typeof BULK_ITEM_STATUSES)[number];

/**
 * One invoice of a bulk operation and its result. Keyed by (operation, position): the order the invoices
 * were given (or selected) in, which is also the processing order and the pagination key. No foreign key
 * to the invoice: an id that is unknown (or another organisation's) is recorded as failed `invoice_not_found`.
 */
@Entity('invoice_bulk_operation_items')
@Index('invoice_bulk_operation_items_operation_id_invoice_id_key', ['operationId', 'invoiceId'], {
  unique: true,
})
@Check('invoice_bulk_operation_items_status_check', `status IN ('pending', 'succeeded', 'failed')`)
@Check('invoice_bulk_operation_items_error_check', `(status = 'failed') = (error_code IS NOT NULL)`)
export class InvoiceBulkOperationItem {
  @PrimaryColumn('uuid')
  operationId: string;

  @PrimaryColumn('int')
  position: number;

  @ManyToOne(() => InvoiceBulkOperation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'operation_id' })
  operation?: InvoiceBulkOperation;

  @Column('uuid')
  orgId: string;

  @Column('uuid')
  invoiceId: string;

  @Column('text')
  status: BulkItemStatus;

  @Column('text', { nullable: true })
  errorCode: string | null;

  @Column('text', { nullable: true })
  errorDetail: string | null;

  @Column('timestamptz', { nullable: true })
  processedAt: Date | null;
}
