import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AppError,
  CoreErrorCode,
  JobName,
  JobQueue,
  Page,
  TransactionContext,
  decodeCursor,
  toPage,
} from '@app/core';
import { CreateInvoiceBulkOperationDto, InvoiceBulkItemQuery } from './dto/invoice-bulk.dto';
import { InvoiceBulkItemResponse, InvoiceBulkOperationResponse } from './dto/invoice-bulk.response';
import { InvoiceBulkOperationItem } from './entities/invoice-bulk-operation-item.entity';
import { InvoiceBulkOperation } from './entities/invoice-bulk-operation.entity';
import { assertBulkSelection, parseBulkAction, resolveBulkFilter } from './bulk-selection';
import { bulkOperationNotFound } from './invoice-bulk.errors';
import { toBulkItemResponse, toBulkOperationResponse } from './invoice-bulk-mapper';

/** Creates bulk operations (selection snapshot + job, one transaction) and reads their progress and results. */
@Injectable()
export class InvoiceBulkService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
  ) {}

  /** Validates, snapshots the selection as pending items and enqueues the job; all or nothing. */
  async create(
    orgId: string,
    requestedBy: string,
    body: CreateInvoiceBulkOperationDto,
  ): Promise<InvoiceBulkOperationResponse> {
    const action = parseBulkAction(body.action);
    assertBulkSelection(body);
    return this.tx.run(async (manager) => {
      const invoiceIds = body.invoiceIds ?? (await resolveBulkFilter(manager, orgId, body.filter!));
      const operation = manager.create(InvoiceBulkOperation, {
        orgId,
        action,
        status: 'queued',
        filter: body.filter ? { ...body.filter } : null,
        total: invoiceIds.length,
        processed: 0,
        succeeded: 0,
        failed: 0,
        requestedBy,
        startedAt: null,
        finishedAt: null,
      });
      await manager.insert(InvoiceBulkOperation, operation);
      await manager.query(
        `INSERT INTO invoice_bulk_operation_items (operation_id, position, org_id, invoice_id, status)
         SELECT $1, t.position, $2, t.invoice_id, 'pending'
           FROM unnest($3::uuid[]) WITH ORDINALITY AS t(invoice_id, position)`,
        [operation.id, orgId, invoiceIds],
      );
      await this.jobs.enqueue(JobName.RunInvoiceBulkOperation, { orgId, operationId: operation.id });
      return toBulkOperationResponse(await this.find(manager, orgId, operation.id));
    });
  }

  async get(orgId: string, id: string): Promise<InvoiceBulkOperationResponse> {
    return toBulkOperationResponse(await this.find(this.tx.manager, orgId, id));
  }

  /** Per-invoice results in processing order, optionally only those with `status`. */
  async listItems(
    orgId: string,
    id: string,
    query: InvoiceBulkItemQuery,
  ): Promise<Page<InvoiceBulkItemResponse>> {
    const manager = this.tx.manager;
    await this.find(manager, orgId, id);
    const qb = manager
      .createQueryBuilder(InvoiceBulkOperationItem, 'item')
      .where('item.operation_id = :id AND item.org_id = :orgId', { id, orgId });
    if (query.status) qb.andWhere('item.status = :status', { status: query.status });
    if (query.cursor) qb.andWhere('item.position > :after', { after: cursorPosition(query.cursor) });
    const rows = await qb
      .orderBy('item.position', 'ASC')
      .take(query.limit + 1)
      .getMany();
    const page = toPage(rows, query.limit, (last) => ({ position: last.position }));
    return { ...page, data: page.data.map(toBulkItemResponse) };
  }

  private async find(manager: EntityManager, orgId: string, id: string): Promise<InvoiceBulkOperation> {
    const operation = await manager.findOneBy(InvoiceBulkOperation, { orgId, id });
    if (!operation) throw bulkOperationNotFound(id);
    return operation;
  }
}

function cursorPosition(cursor: string): number {
  const { position } = decodeCursor<{ position?: unknown }>(cursor);
  if (!Number.isSafeInteger(position))
    throw new AppError(400, CoreErrorCode.ValidationFailed, 'cursor is not a cursor returned by this API.', [
      { field: 'cursor', message: 'cursor must be a nextCursor returned by a previous page' },
    ]);
  return position as number;
}
