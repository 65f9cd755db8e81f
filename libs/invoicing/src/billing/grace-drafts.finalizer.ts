import { Injectable, Logger } from '@nestjs/common';
import { NotFoundError, TransactionContext } from '@app/core';
import { InvoicesService } from '../services/invoices.service';
import { BillingCycle } from './billing-cycle.entity';

const BATCH = 100;

/**
 * Finalizes the billing runs' drafts once the organisation's grace period is over. A draft someone already
 * finalized counts as invoiced; a draft someone deleted means the period was deliberately not billed.
 */
@Injectable()
export class GraceDraftsFinalizer {
  private readonly logger = new Logger('billing');

  constructor(
    private readonly tx: TransactionContext,
    private readonly invoices: InvoicesService,
  ) {}

  async finalizeDue(now = new Date()): Promise<number> {
    let finalized = 0;
    for (;;) {
      const done = await this.tx.run(async (manager) => {
        const due = await manager
          .createQueryBuilder(BillingCycle, 'c')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(`c.status = 'awaiting_finalization' AND c.finalize_at <= :now`, { now })
          .orderBy('c.finalize_at')
          .limit(BATCH)
          .getMany();
        for (const cycle of due) await this.finalize(cycle);
        await manager.save(due);
        return due.length;
      });
      finalized += done;
      if (done < BATCH) return finalized;
    }
  }

  private async finalize(cycle: BillingCycle): Promise<void> {
    const invoiceId = cycle.invoiceId as string;
    try {
      const invoice = await this.invoices.get(cycle.orgId, invoiceId);
      if (invoice.status === 'draft') await this.invoices.finalize(cycle.orgId, invoiceId);
      cycle.status = 'invoiced';
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      this.logger.log(
        { cycleId: cycle.id, invoiceId },
        `draft ${invoiceId} was deleted during its grace period`,
      );
      cycle.status = 'skipped';
    }
    cycle.finalizeAt = null;
  }
}
