import { InvoiceBulkItemResponse, InvoiceBulkOperationResponse } from './dto/invoice-bulk.response';
import { InvoiceBulkOperationItem } from './entities/invoice-bulk-operation-item.entity';
import { InvoiceBulkOperation } from './entities/invoice-bulk-operation.entity';

export const toBulkOperationResponse = (op: InvoiceBulkOperation): InvoiceBulkOperationResponse => ({
  id: op.id,
  action: op.action,
  status: op.status,
  filter: op.filter,
  total: op.total,
  processed: op.processed,
  succeeded: op.succeeded,
  failed: op.failed,
  requestedBy: op.requestedBy,
  createdAt: op.createdAt,
  startedAt: op.startedAt,
  finishedAt: op.finishedAt,
});

export const toBulkItemResponse = (item: InvoiceBulkOperationItem): InvoiceBulkItemResponse => ({
  invoiceId: item.invoiceId,
  position: item.position,
  status: item.status,
  errorCode: item.errorCode,
  errorDetail: item.errorDetail,
  processedAt: item.processedAt,
});
