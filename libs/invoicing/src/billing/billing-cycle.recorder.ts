import { Injectable } from '@nestjs/common';
import { CatalogService } from '@app/catalog';
import { DomainEventEnvelope, JobHandler, JobName, JobPayloads, TransactionContext, newId } from '@app/core';
import { BillingCycle } from './billing-cycle.entity';
import { PendingProration } from './pending-proration.entity';

/**
 * Turns the subscriptions domain's events into billing cycles (and prorations waiting for the next invoice).
 * Every write is an insert that ignores a duplicate, so a redelivered event records nothing twice.
 */
@Injectable()
export class BillingCycleRecorder {
  constructor(
    private readonly tx: TransactionContext,
    private readonly catalog: CatalogService,
  ) {}

  @JobHandler(JobName.BillingOnSubscriptionEvent)
  async onSubscriptionEvent(event: DomainEventEnvelope): Promise<void> {
    switch (event.type) {
      case JobName.SubscriptionCreated:
        return this.created(event.data as JobPayloads[JobName.SubscriptionCreated]);
      case JobName.SubscriptionPeriodEnded:
        return this.periodEnded(event.data as JobPayloads[JobName.SubscriptionPeriodEnded]);
      case JobName.SubscriptionUpdated:
        return this.updated(event.data as JobPayloads[JobName.SubscriptionUpdated], event.id);
    }
  }

  /**
   * The first period's fee in advance is billed at the start. Nothing is due at the start of a trial or on a
   * plan without a fee in advance: the first billing point is then the end of the first period.
   */
  private async created(event: JobPayloads[JobName.SubscriptionCreated]): Promise<void> {
    if (event.trialing) return;
    const plan = await this.catalog.getPlanVersion(event.orgId, event.planId);
    if (plan.baseFeeTiming !== 'in_advance' || plan.baseFee === 0) return;
    await this.record({
      orgId: event.orgId,
      subscriptionId: event.subscriptionId,
      customerId: event.customerId,
      boundary: new Date(event.periodStart),
      nextStart: new Date(event.periodStart),
      nextEnd: new Date(event.periodEnd),
      nextPlanId: event.planId,
    });
  }

  private async periodEnded(event: JobPayloads[JobName.SubscriptionPeriodEnded]): Promise<void> {
    const next = event.nextPeriod;
    await this.record({
      orgId: event.orgId,
      subscriptionId: event.subscriptionId,
      customerId: event.customerId,
      boundary: new Date(event.periodEnd),
      closedStart: new Date(event.periodStart),
      closedEnd: new Date(event.periodEnd),
      closedPlanId: event.planId,
      closedFeeWaived: event.feeWaived,
      nextStart: next ? new Date(next.start) : null,
      nextEnd: next ? new Date(next.end) : null,
      nextPlanId: next?.planId ?? null,
      nextFeeWaived: next?.feeWaived ?? false,
    });
  }

  /** A plan change effective now leaves proration lines for the next invoice. */
  private async updated(event: JobPayloads[JobName.SubscriptionUpdated], eventId: string): Promise<void> {
    const prorations = event.prorations ?? [];
    if (prorations.length === 0) return;
    await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(PendingProration)
      .values(
        prorations.map((line, position) => ({
          id: newId(),
          orgId: event.orgId,
          subscriptionId: event.subscriptionId,
          sourceEventId: eventId,
          position,
          line,
          invoiceId: null,
        })),
      )
      .orIgnore()
      .execute();
  }

  private async record(cycle: Partial<BillingCycle>): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .insert()
      .into(BillingCycle)
      .values({ ...cycle, id: newId(), status: 'pending', nextAttemptAt: cycle.boundary })
      .orIgnore()
      .execute();
  }
}
