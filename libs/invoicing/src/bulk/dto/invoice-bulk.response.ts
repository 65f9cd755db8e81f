import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import {
  BULK_ACTIONS,
  BULK_OPERATION_STATUSES,
  BulkAction,
  BulkOperationStatus,
} from '../entities/invoice-bulk-operation.entity';
import { BULK_ITEM_STATUSES, BulkItemStatus } from '../entities/invoice-bulk-operation-item.entity';
import { InvoiceBulkFilterDto } from './invoice-bulk.dto';

export class InvoiceBulkOperationResponse {
  id: string;
  @ApiProperty({ enum: BULK_ACTIONS })
  action: BulkAction;
  @ApiProperty({ enum: BULK_OPERATION_STATUSES })
  status: BulkOperationStatus;
  /** The filter the invoices were selected by; null when listed by id. */
  @ApiProperty({ type: InvoiceBulkFilterDto, nullable: true })
  filter: InvoiceBulkFilterDto | null;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  /** User or API key id. */
  requestedBy: string;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** The result for one invoice of the operation. */
export class InvoiceBulkItemResponse {
  invoiceId: string;
  /** 1-based, in the order the invoices were given (or selected, oldest first). */
  position: number;
  @ApiProperty({ enum: BULK_ITEM_STATUSES })
  status: BulkItemStatus;
  /** The error code of a failed item, e.g. `invalid_invoice_transition` or `invoice_not_found`. */
  @ApiProperty({ type: String, nullable: true })
  errorCode: string | null;
  @ApiProperty({ type: String, nullable: true })
  errorDetail: string | null;
  processedAt: Date | null;
}

export class InvoiceBulkItemPageResponse extends PageMeta {
  @ApiProperty({ type: [InvoiceBulkItemResponse] })
  data: InvoiceBulkItemResponse[];
}
