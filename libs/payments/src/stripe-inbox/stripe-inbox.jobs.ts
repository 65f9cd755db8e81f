import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads, TransactionContext } from '@app/core';
import { StripeEventRouter } from '../stripe/stripe-event-router';
import { StripeEvent } from './stripe-event.entity';

const MAX_ERROR_LENGTH = 2000;

/**
 * Processes one stored inbound Stripe event: under the inbox row's lock, skips it when it was already
 * processed or ignored, otherwise dispatches it to the registered handlers and marks it, all in one
 * transaction. Handlers that write through TransactionContext join that transaction, so their effects and
 * `processed` commit together: an event is applied once, however often it is delivered or relayed.
 */
@Injectable()
export class StripeInboxJobs {
  private readonly logger = new Logger(StripeInboxJobs.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly router: StripeEventRouter,
  ) {}

  @JobHandler(JobName.ProcessStripeEvent)
  async process({ orgId, stripeEventId }: JobPayloads[JobName.ProcessStripeEvent]): Promise<void> {
    try {
      await this.tx.run(async (manager) => {
        const event = await manager.findOne(StripeEvent, {
          where: { orgId, stripeEventId },
          lock: { mode: 'pessimistic_write' },
        });
        if (!event || event.status === 'processed' || event.status === 'ignored') return;
        const handled = await this.router.dispatch(orgId, event.payload);
        await manager.update(
          StripeEvent,
          { id: event.id },
          {
            status: handled ? 'processed' : 'ignored',
            attempts: () => 'attempts + 1',
            processedAt: new Date(),
          },
        );
      });
    } catch (error) {
      await this.markFailed(orgId, stripeEventId, error);
      throw error; // BullMQ retries with backoff
    }
  }

  /** After the rollback, in its own statement: the failure must be visible while the job waits to retry. */
  private async markFailed(orgId: string, stripeEventId: string, error: unknown): Promise<void> {
    const message = error instanceof Error ? error.message : String(error);
    try {
      await this.tx.manager.update(
        StripeEvent,
        { orgId, stripeEventId },
        { status: 'failed', attempts: () => 'attempts + 1', lastError: message.slice(0, MAX_ERROR_LENGTH) },
      );
    } catch (markError) {
      this.logger.error({ err: markError, orgId, stripeEventId }, 'could not mark the Stripe event failed');
    }
  }
}
