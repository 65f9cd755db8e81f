import { Injectable, Logger } from '@nestjs/common';
import { EntityManager, MoreThan } from 'typeorm';
import { AppError, TransactionContext, toAppError } from '@app/core';
import { InvoicesService } from '../services/invoices.service';
import { BulkItemStatus, InvoiceBulkOperationItem } from './entities/invoice-bulk-operation-item.entity';
import { BulkAction, InvoiceBulkOperation } from './entities/invoice-bulk-operation.entity';

/** Pending items read per round trip; each item is still its own transaction. */
export const BULK_CHUNK_SIZE = 100;

type InvoiceAction = (invoices: InvoicesService, orgId: string, invoiceId: string) => Promise<unknown>;

const ACTIONS: Record<BulkAction, InvoiceAction> = {
  finalize: (invoices, orgId, id) => invoices.finalize(orgId, id),
  send: (invoices, orgId, id) => invoices.requestSend(orgId, id),
  void: (invoices, orgId, id) => invoices.void(orgId, id),
  mark_uncollectible: (invoices, orgId, id) => invoices.markUncollectible(orgId, id),
};

interface OperationRow {
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
}

/**
 * Runs a bulk operation: every pending item in position order, each in one transaction with its invoice's
 * transition, so an item is settled exactly when its transition commits. A re-run (retry after a crash, a
 * duplicate delivery) only finds the items still pending; a completed operation is left alone.
 */
@Injectable()
export class InvoiceBulkRunner {
  private readonly logger = new Logger('invoice-bulk');

  constructor(
    private readonly tx: TransactionContext,
    private readonly invoices: InvoicesService,
  ) {}

  async run(orgId: string, operationId: string): Promise<OperationRow | null> {
    const operation = await this.start(orgId, operationId);
    if (!operation) return null;
    for (let after = 0; ;) {
      const items = await this.tx.manager.find(InvoiceBulkOperationItem, {
        where: { operationId, status: 'pending', position: MoreThan(after) },
        order: { position: 'ASC' },
        take: BULK_CHUNK_SIZE,
      });
      if (items.length === 0) break;
      for (const item of items) await this.process(operation, item);
      after = items[items.length - 1].position;
      this.logProgress(operationId, await this.counts(operationId), 'running');
    }
    return this.complete(operationId);
  }

  /** queued → running (started_at kept from a first, interrupted run); null when completed or unknown. */
  private async start(orgId: string, operationId: string): Promise<InvoiceBulkOperation | null> {
    const { affected } = await this.tx.manager
      .createQueryBuilder()
      .update(InvoiceBulkOperation)
      .set({ status: 'running', startedAt: () => 'coalesce(started_at, now())' })
      .where("id = :operationId AND org_id = :orgId AND status <> 'completed'", { operationId, orgId })
      .execute();
    if (!affected) {
      this.logger.log({ orgId, operationId }, `bulk operation ${operationId}: nothing to do`);
      return null;
    }
    return this.tx.manager.findOneByOrFail(InvoiceBulkOperation, { orgId, id: operationId });
  }

  /**
   * Claims the item and applies the action in one transaction. An AppError (or a database error that maps to
   * a 4xx) rolls that back and records the item as failed with its code; anything else (a 5xx: the database
   * is down, a bug) propagates so the job is retried from the items still pending.
   */
  private async process(operation: InvoiceBulkOperation, item: InvoiceBulkOperationItem): Promise<void> {
    try {
      await this.tx.run(async (manager) => {
        if (!(await this.settle(manager, item, 'succeeded'))) return;
        await ACTIONS[operation.action](this.invoices, operation.orgId, item.invoiceId);
        await this.count(manager, item.operationId, 'succeeded');
      });
    } catch (error) {
      const failure = toAppError(error);
      if (failure.status >= 500) throw error;
      await this.tx.run(async (manager) => {
        if (await this.settle(manager, item, 'failed', failure))
          await this.count(manager, item.operationId, 'failed');
      });
    }
  }

  /** pending → `status`; false when an earlier (or concurrent) run settled it already. */
  private async settle(
    manager: EntityManager,
    item: InvoiceBulkOperationItem,
    status: Exclude<BulkItemStatus, 'pending'>,
    failure?: AppError,
  ): Promise<boolean> {
    const { affected } = await manager.update(
      InvoiceBulkOperationItem,
      { operationId: item.operationId, position: item.position, status: 'pending' },
      {
        status,
        errorCode: failure?.code ?? null,
        errorDetail: failure?.detail ?? null,
        processedAt: new Date(),
      },
    );
    return Boolean(affected);
  }

  /** Counted last in the item's transaction, so the operation row is locked only briefly. */
  private async count(
    manager: EntityManager,
    operationId: string,
    status: Exclude<BulkItemStatus, 'pending'>,
  ): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(InvoiceBulkOperation)
      .set({ processed: () => 'processed + 1', [status]: () => `${status} + 1` })
      .where('id = :operationId', { operationId })
      .execute();
  }

  /** running → completed once no item is pending. */
  private async complete(operationId: string): Promise<OperationRow> {
    await this.tx.manager
      .createQueryBuilder()
      .update(InvoiceBulkOperation)
      .set({ status: 'completed', finishedAt: () => 'now()' })
      .where("id = :operationId AND status = 'running'", { operationId })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM invoice_bulk_operation_items
                      WHERE operation_id = :operationId AND status = 'pending')`,
      )
      .execute();
    const counts = await this.counts(operationId);
    this.logProgress(operationId, counts, 'completed');
    return counts;
  }

  private async counts(operationId: string): Promise<OperationRow> {
    const { total, processed, succeeded, failed } = await this.tx.manager.findOneByOrFail(
      InvoiceBulkOperation,
      { id: operationId },
    );
    return { total, processed, succeeded, failed };
  }

  private logProgress(operationId: string, counts: OperationRow, state: string): void {
    this.logger.log(
      { operationId, ...counts },
      `bulk operation ${operationId} ${state}: ${counts.processed}/${counts.total} ` +
        `(${counts.succeeded} succeeded, ${counts.failed} failed)`,
    );
  }
}
