import { Injectable } from '@nestjs/common';
import { JobName, JobQueue, TransactionContext, newId } from '@app/core';
import { InvoiceStatus, InvoicesService } from '@app/invoicing';
import { NotificationsService } from '@app/notifications';
import { Payment } from '../entities/payment.entity';
import { PaymentSettingsService } from '../settings/payment-settings.service';
import {
  GRACE_STEP,
  delayUntil,
  finalStep,
  gracePeriodEnd,
  isHardDecline,
  stepAt,
  stepJobId,
} from './dunning-policy';
import { DunningSubscriptions, stillOwed } from './dunning-subscriptions';
import { InvoiceDunning } from './invoice-dunning.entity';

export interface FailedCollection {
  invoiceId: string;
  customerId: string;
  /** The failed payment row. */
  paymentId: string;
  /** Stripe's error code (`card_declined`, `authentication_required`, …) and decline code (`stolen_card`, …). */
  failureCode: string | null;
  declineCode: string | null;
}

/**
 * Retries and dunning of invoices whose automatic charge failed (docs/payments-dunning.md). The first failure
 * starts an invoice's dunning; each step is a durable delayed `payments.dunning-step` job that re-checks the
 * state before it acts, so a duplicate or stale step does nothing. A step's retry is a
 * `payments.collect-invoice` job; its failure comes back through `onCollectionFailed` and schedules the next
 * step, or the final action after the last one.
 */
@Injectable()
export class DunningService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly settings: PaymentSettingsService,
    private readonly invoices: InvoicesService,
    private readonly notifications: NotificationsService,
    private readonly subscriptions: DunningSubscriptions,
  ) {}

  /**
   * A charge of the invoice failed (a decline), in the caller's transaction. The first failure starts
   * dunning; the failure of a step's retry moves to the next step; any other failure (a "pay now" between
   * steps) is only recorded. The same payment reported twice does nothing.
   */
  async onCollectionFailed(orgId: string, failure: FailedCollection, now = new Date()): Promise<void> {
    await this.tx.run(async (manager) => {
      const dunning = await this.lock(orgId, failure.invoiceId);
      if (!dunning) return this.start(orgId, failure, now);
      if (dunning.failedPaymentIds.includes(failure.paymentId)) return;
      dunning.failedPaymentIds = [...dunning.failedPaymentIds, failure.paymentId];
      dunning.lastFailureCode = failure.failureCode;
      dunning.lastDeclineCode = failure.declineCode;
      if (dunning.status === 'active') {
        dunning.hardDecline = isHardDecline(failure.failureCode, failure.declineCode);
        if (dunning.nextAttemptAt === null) await this.advance(dunning, dunning.retriesDone, failure, now);
      }
      await manager.save(dunning);
    });
  }

  /**
   * A step's retry charged nothing (no default payment method any more, nothing due): the schedule goes on
   * as after a failed retry, with a reminder instead of a failed-payment email. Nothing when the retry's
   * outcome is already in (a duplicate job).
   */
  async onRetryNotMade(orgId: string, invoiceId: string, now = new Date()): Promise<void> {
    await this.tx.run(async (manager) => {
      const dunning = await this.lock(orgId, invoiceId);
      if (dunning?.status !== 'active' || dunning.nextAttemptAt !== null) return;
      await this.advance(dunning, dunning.retriesDone, null, now);
      await manager.save(dunning);
    });
  }

  /** The invoice is paid, voided or written off: dunning ends (recovered or stopped). */
  async onInvoiceClosed(orgId: string, invoiceId: string): Promise<void> {
    await this.tx.run(async () => {
      const dunning = await this.lock(orgId, invoiceId);
      if (dunning) await this.close(dunning, (await this.invoices.get(orgId, invoiceId)).status);
    });
  }

  /**
   * The customer saved a new payment method: each invoice of theirs in active dunning is charged again at
   * once, and a hard decline no longer holds back the scheduled retries.
   */
  async onPaymentMethodAdded(orgId: string, customerId: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const waiting = await manager.find(InvoiceDunning, {
        where: { orgId, customerId, status: 'active' },
        order: { id: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      for (const dunning of waiting) {
        dunning.hardDecline = false;
        await this.jobs.enqueue(JobName.CollectInvoice, {
          orgId,
          invoiceId: dunning.invoiceId,
          trigger: 'payment_method_added',
        });
      }
      await manager.save(waiting);
    });
  }

  /** One `payments.dunning-step` job: the grace period's end, a step of the schedule, or the final action. */
  async runStep(orgId: string, invoiceId: string, step: number, now = new Date()): Promise<void> {
    await this.tx.run(async (manager) => {
      const dunning = await this.lock(orgId, invoiceId);
      if (!dunning) return;
      const invoice = await this.invoices.get(orgId, invoiceId);
      if (invoice.status !== 'open') return this.close(dunning, invoice.status);
      if (step === GRACE_STEP) return this.endGracePeriod(dunning, now);
      const due = dunning.status === 'active' && dunning.nextAttemptAt !== null;
      if (!due || step !== dunning.retriesDone + 1) return;
      if (step === finalStep(dunning.retryScheduleDays)) return this.exhaust(dunning, now);
      dunning.retriesDone = step;
      if (dunning.hardDecline) await this.advance(dunning, step, null, now);
      else {
        dunning.nextAttemptAt = null;
        await this.jobs.enqueue(
          JobName.CollectInvoice,
          { orgId, invoiceId, trigger: 'dunning_retry' },
          { jobId: `dunning-retry-${invoiceId}-${step}` },
        );
      }
      await manager.save(dunning);
    });
  }

  private lock(orgId: string, invoiceId: string): Promise<InvoiceDunning | null> {
    return this.tx.manager.findOne(InvoiceDunning, {
      where: { orgId, invoiceId },
      lock: { mode: 'pessimistic_write' },
    });
  }

  private async start(orgId: string, failure: FailedCollection, now: Date): Promise<void> {
    const settings = await this.settings.get(orgId);
    const dunning = this.tx.manager.create(InvoiceDunning, {
      id: newId(),
      orgId,
      invoiceId: failure.invoiceId,
      customerId: failure.customerId,
      status: 'active',
      retryScheduleDays: settings.retryScheduleDays,
      retriesDone: 0,
      firstFailedAt: now,
      gracePeriodEndsAt: gracePeriodEnd(now, settings.gracePeriodDays),
      nextAttemptAt: null,
      lastFailureCode: failure.failureCode,
      lastDeclineCode: failure.declineCode,
      hardDecline: isHardDecline(failure.failureCode, failure.declineCode),
      failedPaymentIds: [failure.paymentId],
      pastDueAt: null,
      finalAction: null,
      finalActionAt: null,
    });
    const inserted = await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(InvoiceDunning)
      .values(dunning)
      .orIgnore()
      .returning('id')
      .execute();
    // Another transaction started it first: this failure is one more of that dunning.
    if ((inserted.raw as unknown[]).length === 0) return this.onCollectionFailed(orgId, failure, now);
    await this.jobs.enqueue(
      JobName.DunningStep,
      { orgId, invoiceId: failure.invoiceId, step: GRACE_STEP },
      {
        delayMs: delayUntil(dunning.gracePeriodEndsAt, now),
        jobId: stepJobId(failure.invoiceId, GRACE_STEP),
      },
    );
    await this.advance(dunning, 0, failure, now);
    await this.tx.manager.save(dunning);
  }

  /**
   * Step `done` is over (its retry failed, or its reminder is due): schedules the next step (or the final
   * action at once after the last) and emails the customer once for this step.
   */
  private async advance(
    dunning: InvoiceDunning,
    done: number,
    failure: FailedCollection | null,
    now: Date,
  ): Promise<void> {
    const next = done + 1;
    const last = next === finalStep(dunning.retryScheduleDays);
    const at = last ? now : stepAt(dunning.firstFailedAt, dunning.retryScheduleDays, next);
    dunning.nextAttemptAt = at;
    await this.jobs.enqueue(
      JobName.DunningStep,
      { orgId: dunning.orgId, invoiceId: dunning.invoiceId, step: next },
      { delayMs: delayUntil(at, now), jobId: stepJobId(dunning.invoiceId, next) },
    );
    await this.remind(dunning, done, failure, last || dunning.hardDecline ? null : at);
  }

  /** The step's email: the failed charge with the next attempt's date, or a reminder after a hard decline. */
  private async remind(
    dunning: InvoiceDunning,
    step: number,
    failure: FailedCollection | null,
    nextAttemptAt: Date | null,
  ): Promise<void> {
    const { orgId, invoiceId } = dunning;
    if (!(await this.settings.get(orgId)).reminderEmails) return;
    const payment = failure
      ? await this.tx.manager.findOneBy(Payment, { orgId, id: failure.paymentId })
      : null;
    await this.notifications.dunningReminder(orgId, {
      invoiceId,
      step,
      failedPayment: payment
        ? {
            paymentId: payment.id,
            amount: payment.amount,
            currency: payment.currency,
            reason: payment.failureMessage ?? payment.failureCode,
            nextAttemptAt,
          }
        : undefined,
    });
  }

  private async endGracePeriod(dunning: InvoiceDunning, now: Date): Promise<void> {
    if (dunning.pastDueAt !== null || !stillOwed(dunning)) return;
    await this.subscriptions.markPastDue(dunning.orgId, dunning.customerId);
    dunning.pastDueAt = now;
    await this.tx.manager.save(dunning);
  }

  /** The last retry failed (or, after a hard decline, the schedule ran out): the org's final action. */
  private async exhaust(dunning: InvoiceDunning, now: Date): Promise<void> {
    const { finalAction } = await this.settings.get(dunning.orgId);
    await this.subscriptions.takeFinalAction(dunning, finalAction, now);
    Object.assign(dunning, { status: 'exhausted', finalAction, finalActionAt: now, nextAttemptAt: null });
    await this.tx.manager.save(dunning);
    await this.subscriptions.release(dunning);
  }

  /**
   * The invoice is no longer open. Paid: recovered. Voided or written off: stopped, except the write-off
   * that was the final action itself (it stays exhausted).
   */
  private async close(dunning: InvoiceDunning, invoiceStatus: InvoiceStatus): Promise<void> {
    if (!stillOwed(dunning) || invoiceStatus === 'open' || invoiceStatus === 'draft') return;
    dunning.status = invoiceStatus === 'paid' ? 'recovered' : 'stopped';
    dunning.nextAttemptAt = null;
    await this.tx.manager.save(dunning);
    await this.subscriptions.release(dunning);
  }
}
