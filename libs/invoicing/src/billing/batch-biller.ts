import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { TransactionContext } from '@app/core';
import { SubscriptionUsageResponse } from '@app/usage';
import { InvoicesService, PreparedInvoice } from '../services/invoices.service';
import { InvoicingSettingsService } from '../settings/invoicing-settings.service';
import { BatchPreloader } from './batch-preloader';
import { BillingCycle } from './billing-cycle.entity';
import { billingLines } from './billing-lines';
import { CycleReader, draftInput } from './cycle-reader';
import { PendingProration } from './pending-proration.entity';

export type CycleOutcome = 'invoiced' | 'awaiting_finalization' | 'skipped' | 'busy';

export interface BatchResult {
  outcomes: Map<string, CycleOutcome>;
  /** The cycles whose own work failed (rolled back to their savepoint, nothing of them written). */
  failures: Map<string, unknown>;
}

/** A cycle billed in the batch: how it closes, and its invoice to finalize with the batch, if any. */
interface BilledCycle {
  status: 'invoiced' | 'awaiting_finalization' | 'skipped';
  prorations: PendingProration[];
  prepared?: PreparedInvoice;
}

const HOUR_MS = 3_600_000;

/**
 * Bills billing cycles in one transaction: each cycle's invoice is built, inserted and prepared for
 * finalization inside its own SAVEPOINT, so a failing cycle is rolled back alone; then the prepared invoices
 * are numbered (one gapless range per organisation), posted to the ledger, written and announced together,
 * and every cycle is closed in one statement. A crash at any point leaves everything or nothing.
 */
@Injectable()
export class BatchBiller {
  constructor(
    private readonly tx: TransactionContext,
    private readonly reader: CycleReader,
    private readonly preloader: BatchPreloader,
    private readonly invoices: InvoicesService,
    private readonly settings: InvoicingSettingsService,
  ) {}

  /**
   * A cycle that is no longer pending or that another worker holds is `busy`. Throws only when the batch as a
   * whole fails (its completion), in which case nothing of it was written.
   */
  async bill(cycleIds: string[], now = new Date()): Promise<BatchResult> {
    return this.tx.run(async (manager) => {
      const result: BatchResult = { outcomes: new Map(), failures: new Map() };
      for (const id of cycleIds) result.outcomes.set(id, 'busy');
      const cycles = await this.reader.lockPending(manager, cycleIds);
      const pending = await this.reader.pendingProrations(manager, cycles);
      await this.preloader.preload(cycles);
      const usage = await this.reader.closedUsage(cycles);
      const billed: { cycle: BillingCycle; outcome: BilledCycle }[] = [];
      for (const [index, cycle] of cycles.entries()) {
        await manager.query(`SAVEPOINT cycle_${index}`);
        try {
          const prorations = this.reader.prorationsOf(cycle, pending);
          const outcome = await this.billCycle(cycle, prorations, usage, now);
          await manager.query(`RELEASE SAVEPOINT cycle_${index}`);
          for (const proration of outcome.prorations) proration.invoiceId = cycle.invoiceId;
          billed.push({ cycle, outcome });
        } catch (error) {
          await manager.query(`ROLLBACK TO SAVEPOINT cycle_${index}`);
          result.outcomes.delete(cycle.id);
          result.failures.set(cycle.id, error);
        }
      }
      await this.invoices.completeBatch(
        billed.flatMap(({ outcome }) => (outcome.prepared ? [outcome.prepared] : [])),
        now,
      );
      await this.close(manager, billed);
      for (const { cycle, outcome } of billed) result.outcomes.set(cycle.id, outcome.status);
      return result;
    });
  }

  /** Inside the cycle's savepoint: its lines, then a draft (grace period), a prepared invoice, or nothing. */
  private async billCycle(
    cycle: BillingCycle,
    prorations: PendingProration[],
    usage: Map<string, SubscriptionUsageResponse>,
    now: Date,
  ): Promise<BilledCycle> {
    const lines = billingLines(await this.reader.billingPoint(cycle, prorations, usage));
    if (lines.length === 0) return { status: 'skipped', prorations: [] };
    const graceHours = (await this.settings.get(cycle.orgId)).draftGraceHours;
    let outcome: BilledCycle;
    if (graceHours > 0) {
      cycle.invoiceId = (await this.invoices.createDraft(cycle.orgId, draftInput(cycle, lines))).id;
      cycle.finalizeAt = new Date(now.getTime() + graceHours * HOUR_MS);
      outcome = { status: 'awaiting_finalization', prorations };
    } else {
      const prepared = await this.invoices.insertPrepared(cycle.orgId, draftInput(cycle, lines), now);
      cycle.invoiceId = prepared.draft.invoice.id;
      outcome = { status: 'invoiced', prorations, prepared };
    }
    if (prorations.length > 0)
      await this.tx.manager.update(
        PendingProration,
        prorations.map((p) => p.id),
        { invoiceId: cycle.invoiceId },
      );
    return outcome;
  }

  /** Marks the billed cycles in one statement: their outcome, invoice and grace deadline; the claim ends. */
  private async close(
    manager: EntityManager,
    billed: { cycle: BillingCycle; outcome: BilledCycle }[],
  ): Promise<void> {
    if (billed.length === 0) return;
    await manager.query(
      `UPDATE billing_cycles c
          SET status = v.status, invoice_id = v.invoice_id, finalize_at = v.finalize_at,
              claimed_until = NULL, last_error = NULL, updated_at = now()
         FROM jsonb_to_recordset($1::jsonb) AS v(org_id uuid, id uuid, status text, invoice_id uuid,
                                                 finalize_at timestamptz)
        WHERE c.org_id = v.org_id AND c.id = v.id`,
      [
        JSON.stringify(
          billed.map(({ cycle, outcome }) => ({
            org_id: cycle.orgId,
            id: cycle.id,
            status: outcome.status,
            invoice_id: cycle.invoiceId,
            finalize_at: cycle.finalizeAt,
          })),
        ),
      ],
    );
  }
}
