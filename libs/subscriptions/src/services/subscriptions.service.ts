import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  AppError,
  JobName,
  JobQueue,
  Page,
  SubscriptionChange,
  SubscriptionNextPeriod,
  SubscriptionProrationLine,
  TransactionContext,
  isUuid,
  paginateById,
} from '@app/core';
import { CatalogService, PlanVersionView } from '@app/catalog';
import { CustomerResponse, CustomersService } from '@app/customers';
import { BillingCycle, addDays, fromLocal, isTimeZone, periodContaining, toLocal } from '../periods';
import { Subscription, SubscriptionStatus } from '../entities/subscription.entity';
import { ChangePlanDto, CreateSubscriptionDto, SubscriptionQuery } from '../dto/subscription.dto';
import { SubscriptionResponse } from '../dto/subscription.response';
import {
  SubscriptionsError,
  SubscriptionsErrorCode,
  conflict,
  invalidField,
  subscriptionNotFound,
} from '../subscriptions.errors';
import { prorate } from './proration';

/** Statuses in which a subscription still exists for its customer. */
export const LIVE_STATUSES: readonly SubscriptionStatus[] = ['trialing', 'active', 'past_due', 'paused'];
const ADVANCE_BATCH = 100;

export function toSubscriptionResponse(s: Subscription): SubscriptionResponse {
  return {
    id: s.id,
    externalId: s.externalId,
    customerId: s.customerId,
    planId: s.planId,
    planCode: s.planCode,
    currency: s.currency,
    status: s.status,
    timezone: s.timezone,
    interval: s.interval,
    intervalCount: s.intervalCount,
    startedAt: s.startedAt,
    billingAnchor: s.billingAnchor,
    trialEndsAt: s.trialEndsAt,
    currentPeriodStart: s.currentPeriodStart,
    currentPeriodEnd: s.currentPeriodEnd,
    cancelAtPeriodEnd: s.cancelAtPeriodEnd,
    canceledAt: s.canceledAt,
    endedAt: s.endedAt,
    pausedAt: s.pausedAt,
    pendingPlanChange:
      s.pendingPlanId && s.pendingPlanCode
        ? { planId: s.pendingPlanId, planCode: s.pendingPlanCode, effectiveAt: s.currentPeriodEnd }
        : null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
  };
}

const cycleOf = (
  s: Pick<Subscription, 'billingAnchor' | 'interval' | 'intervalCount' | 'timezone'>,
): BillingCycle => ({
  anchor: s.billingAnchor,
  interval: s.interval,
  count: s.intervalCount,
  timeZone: s.timezone,
});

/** The period of `s` containing `at`, never starting before the subscription does. */
function periodAt(s: Subscription, at: Date): { start: Date; end: Date } {
  const period = periodContaining(cycleOf(s), at);
  return { start: period.start < s.startedAt ? s.startedAt : period.start, end: period.end };
}

function parseInstant(field: string, value: string | undefined, fallback: Date): Date {
  if (value === undefined) return fallback;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime()))
    throw invalidField(SubscriptionsErrorCode.InvalidSubscription, field, 'must be an ISO 8601 instant');
  return instant;
}

/** A 404 of another domain for an id given in the body is a 422 naming the field. */
async function referenced<T>(field: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof AppError && error.status === 404)
      throw new SubscriptionsError(422, error.code as SubscriptionsErrorCode, error.detail, [
        { field, message: error.detail },
      ]);
    throw error;
  }
}

/**
 * Subscriptions of an organisation. Every method takes the org id first; another organisation's
 * subscription is a 404. Every change runs in one transaction with its domain event (outbox).
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly customers: CustomersService,
    private readonly catalog: CatalogService,
  ) {}

  async create(orgId: string, input: CreateSubscriptionDto, now = new Date()): Promise<SubscriptionResponse> {
    const customer = await this.resolveCustomer(orgId, input);
    if (customer.archivedAt)
      throw invalidField(
        SubscriptionsErrorCode.InvalidSubscription,
        input.customerId ? 'customerId' : 'customerExternalId',
        'the customer is archived',
      );
    const plan = await this.resolvePlan(orgId, input);
    this.assertCurrency(customer, plan, input.planId ? 'planId' : 'planCode');
    const startedAt = parseInstant('startDate', input.startDate, now);
    const billingAnchor = parseInstant('billingAnchor', input.billingAnchor, startedAt);
    const timezone = customer.timezone && isTimeZone(customer.timezone) ? customer.timezone : 'UTC';
    const trialDays = input.trialDays ?? plan.trialDays;
    const trialEndsAt =
      trialDays > 0 ? fromLocal(addDays(toLocal(startedAt, timezone), trialDays), timezone) : null;
    const subscription = this.tx.manager.create(Subscription, {
      orgId,
      externalId: input.externalId ?? null,
      customerId: customer.id,
      planId: plan.id,
      planCode: plan.code,
      currency: plan.currency,
      status: trialEndsAt && trialEndsAt > now ? 'trialing' : 'active',
      timezone,
      interval: plan.interval,
      intervalCount: plan.intervalCount,
      startedAt,
      billingAnchor,
      trialEndsAt,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      endedAt: null,
      pausedAt: null,
      pendingPlanId: null,
      pendingPlanCode: null,
    });
    const first = periodAt(subscription, startedAt);
    subscription.currentPeriodStart = first.start;
    subscription.currentPeriodEnd = first.end;
    return this.tx.run(async (manager) => {
      // A taken external id violates subscriptions_org_id_external_id_key: a 409 from the central mapping.
      await manager.insert(Subscription, subscription);
      await this.jobs.enqueue(JobName.SubscriptionCreated, {
        orgId,
        subscriptionId: subscription.id,
        customerId: customer.id,
        planId: plan.id,
        periodStart: subscription.currentPeriodStart.toISOString(),
        periodEnd: subscription.currentPeriodEnd.toISOString(),
        trialing: subscription.status === 'trialing',
      });
      return this.get(orgId, subscription.id);
    });
  }

  /** The subscription, or a 404 (also for another organisation's). */
  async get(orgId: string, id: string): Promise<SubscriptionResponse> {
    const s = isUuid(id) ? await this.tx.manager.findOneBy(Subscription, { orgId, id }) : null;
    if (!s) throw subscriptionNotFound(`with id ${id}`);
    return toSubscriptionResponse(s);
  }

  async getByExternalId(orgId: string, externalId: string): Promise<SubscriptionResponse> {
    const s = await this.tx.manager.findOneBy(Subscription, { orgId, externalId });
    if (!s) throw subscriptionNotFound(`with external id ${externalId}`);
    return toSubscriptionResponse(s);
  }

  /** The customer's subscriptions that are not canceled (trialing, active, past_due, paused), newest first. */
  async activeForCustomer(orgId: string, customerId: string): Promise<SubscriptionResponse[]> {
    if (!isUuid(customerId)) return [];
    const rows = await this.tx.manager
      .createQueryBuilder(Subscription, 's')
      .where('s.org_id = :orgId AND s.customer_id = :customerId AND s.status IN (:...statuses)', {
        orgId,
        customerId,
        statuses: LIVE_STATUSES,
      })
      .orderBy('s.id', 'DESC')
      .getMany();
    return rows.map(toSubscriptionResponse);
  }

  /**
   * Across organisations (for the renewal reminders): the subscriptions that renew in (from, to], i.e.
   * trialing, active or past due, not canceling at period end, whose current period ends then. In batches
   * by id: pass the last id of the previous batch as `afterId`.
   */
  async renewingBetween(
    from: Date,
    to: Date,
    afterId: string | null,
    limit: number,
  ): Promise<{ orgId: string; id: string; currentPeriodEnd: Date }[]> {
    const qb = this.tx.manager
      .createQueryBuilder(Subscription, 's')
      .select(['s.orgId', 's.id', 's.currentPeriodEnd'])
      .where(`s.status IN ('trialing', 'active', 'past_due') AND NOT s.cancel_at_period_end`)
      .andWhere('s.current_period_end > :from AND s.current_period_end <= :to', { from, to });
    if (afterId) qb.andWhere('s.id > :afterId', { afterId });
    const rows = await qb.orderBy('s.id', 'ASC').limit(limit).getMany();
    return rows.map(({ orgId, id, currentPeriodEnd }) => ({ orgId, id, currentPeriodEnd }));
  }

  async list(orgId: string, query: SubscriptionQuery): Promise<Page<SubscriptionResponse>> {
    const qb = this.tx.manager.createQueryBuilder(Subscription, 's').where('s.org_id = :orgId', { orgId });
    if (query.customerId) qb.andWhere('s.customer_id = :customerId', { customerId: query.customerId });
    if (query.status) qb.andWhere('s.status = :status', { status: query.status });
    if (query.planCode) qb.andWhere('s.plan_code = :planCode', { planCode: query.planCode });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toSubscriptionResponse) };
  }

  /** Ends the subscription now, or schedules its end at the end of the current period. */
  cancel(orgId: string, id: string, atPeriodEnd: boolean, now = new Date()): Promise<SubscriptionResponse> {
    return this.mutate(orgId, id, async (s) => {
      this.assertNotCanceled(s);
      if (atPeriodEnd) {
        if (!s.cancelAtPeriodEnd) {
          s.cancelAtPeriodEnd = true;
          s.canceledAt = now;
          await this.updated(s, 'cancel_scheduled');
        }
        return;
      }
      s.status = 'canceled';
      s.cancelAtPeriodEnd = false;
      s.canceledAt = now;
      s.endedAt = now;
      s.pendingPlanId = null;
      s.pendingPlanCode = null;
      await this.jobs.enqueue(JobName.SubscriptionCanceled, {
        orgId,
        subscriptionId: s.id,
        canceledAt: now.toISOString(),
        endedAt: now.toISOString(),
      });
    });
  }

  /** Undoes a cancellation at period end that has not taken effect yet. */
  resume(orgId: string, id: string): Promise<SubscriptionResponse> {
    return this.mutate(orgId, id, async (s) => {
      this.assertNotCanceled(s);
      if (!s.cancelAtPeriodEnd)
        throw conflict(
          SubscriptionsErrorCode.InvalidTransition,
          'The subscription is not scheduled to cancel.',
        );
      s.cancelAtPeriodEnd = false;
      s.canceledAt = null;
      await this.updated(s, 'cancel_unscheduled');
    });
  }

  pause(orgId: string, id: string, now = new Date()): Promise<SubscriptionResponse> {
    return this.mutate(orgId, id, async (s) => {
      this.assertNotCanceled(s);
      if (s.status === 'paused')
        throw conflict(SubscriptionsErrorCode.InvalidTransition, 'The subscription is already paused.');
      s.status = 'paused';
      s.pausedAt = now;
      await this.updated(s, 'paused');
    });
  }

  unpause(orgId: string, id: string, now = new Date()): Promise<SubscriptionResponse> {
    return this.mutate(orgId, id, async (s) => {
      if (s.status !== 'paused')
        throw conflict(SubscriptionsErrorCode.InvalidTransition, 'The subscription is not paused.');
      s.status = s.trialEndsAt && s.trialEndsAt > now ? 'trialing' : 'active';
      s.pausedAt = null;
      await this.updated(s, 'unpaused');
    });
  }

  /** active → past_due: dunning's grace period ended with an invoice unpaid. Any other status is left as is. */
  markPastDue(orgId: string, id: string): Promise<SubscriptionResponse> {
    return this.mutate(orgId, id, async (s) => {
      if (s.status !== 'active') return;
      s.status = 'past_due';
      await this.updated(s, 'past_due');
    });
  }

  /** past_due → active: none of the customer's invoices is unpaid in dunning any more. Others unchanged. */
  clearPastDue(orgId: string, id: string): Promise<SubscriptionResponse> {
    return this.mutate(orgId, id, async (s) => {
      if (s.status !== 'past_due') return;
      s.status = 'active';
      await this.updated(s, 'past_due_cleared');
    });
  }

  /**
   * Switches plan now (prorated; see docs/subscriptions.md) or at the end of the current period (stored as a
   * pending change, applied by the period job). Returns the proration lines for invoicing to bill.
   */
  async changePlan(
    orgId: string,
    id: string,
    input: ChangePlanDto,
    now = new Date(),
  ): Promise<{ subscription: SubscriptionResponse; prorations: SubscriptionProrationLine[] }> {
    const field = input.planId ? 'planId' : 'planCode';
    let prorations: SubscriptionProrationLine[] = [];
    const subscription = await this.mutate(orgId, id, async (s) => {
      this.assertNotCanceled(s);
      const plan = await this.resolvePlan(orgId, input);
      if (plan.currency !== s.currency)
        throw invalidField(
          SubscriptionsErrorCode.CurrencyMismatch,
          field,
          `the plan's currency ${plan.currency} is not the subscription's ${s.currency}`,
        );
      if (plan.id === s.planId)
        throw invalidField(
          SubscriptionsErrorCode.InvalidSubscription,
          field,
          'the subscription is already on this plan version',
        );
      if (input.effective === 'period_end') {
        s.pendingPlanId = plan.id;
        s.pendingPlanCode = plan.code;
        await this.updated(s, 'plan_change_scheduled');
        return;
      }
      if (plan.interval !== s.interval || plan.intervalCount !== s.intervalCount)
        throw invalidField(
          SubscriptionsErrorCode.IntervalMismatch,
          field,
          'a plan with another billing interval can only take effect at period end',
        );
      const at = parseInstant('prorationDate', input.prorationDate, now);
      if (at > now || at < s.currentPeriodStart || at >= s.currentPeriodEnd)
        throw invalidField(
          SubscriptionsErrorCode.InvalidSubscription,
          'prorationDate',
          'must lie in the current period and not in the future',
        );
      if (s.status !== 'trialing') {
        const current = await this.catalog.getPlanVersion(orgId, s.planId);
        prorations = prorate(current, plan, { start: s.currentPeriodStart, end: s.currentPeriodEnd }, at);
      }
      s.planId = plan.id;
      s.planCode = plan.code;
      s.pendingPlanId = null;
      s.pendingPlanCode = null;
      await this.updated(s, 'plan_changed', prorations);
    });
    return { subscription, prorations };
  }

  /**
   * Ends every period that is over by `now` (one period per subscription per call; the scheduled job calls
   * it until nothing is due): emits `subscription.period_ended`, then cancels at period end, applies a
   * pending plan change, and ends trials. Returns how many subscriptions moved. Each runs in its own
   * transaction, locked with SKIP LOCKED so concurrent workers share the work.
   */
  async advanceDue(now = new Date()): Promise<number> {
    let moved = 0;
    for (;;) {
      const count = await this.tx.run(async (manager) => {
        const due = await manager
          .createQueryBuilder(Subscription, 's')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(`s.status <> 'canceled' AND s.current_period_end <= :now`, { now })
          .orderBy('s.current_period_end', 'ASC')
          .limit(ADVANCE_BATCH)
          .getMany();
        for (const s of due) await this.endPeriod(manager, s);
        const trials = await manager
          .createQueryBuilder(Subscription, 's')
          .setLock('pessimistic_write')
          .setOnLocked('skip_locked')
          .where(`s.status = 'trialing' AND s.trial_ends_at <= :now`, { now })
          .limit(ADVANCE_BATCH)
          .getMany();
        for (const s of trials) {
          s.status = 'active';
          await manager.save(s);
          await this.updated(s, 'trial_ended');
        }
        return due.length + trials.length;
      });
      moved += count;
      if (count === 0) return moved;
    }
  }

  private async endPeriod(manager: EntityManager, s: Subscription): Promise<void> {
    const ended = {
      start: s.currentPeriodStart,
      end: s.currentPeriodEnd,
      planId: s.planId,
      feeWaived: (s.trialEndsAt !== null && s.trialEndsAt > s.currentPeriodStart) || s.status === 'paused',
    };
    const periodEnded = (nextPeriod: SubscriptionNextPeriod | null) =>
      this.jobs.enqueue(JobName.SubscriptionPeriodEnded, {
        orgId: s.orgId,
        subscriptionId: s.id,
        customerId: s.customerId,
        planId: ended.planId,
        periodStart: ended.start.toISOString(),
        periodEnd: ended.end.toISOString(),
        feeWaived: ended.feeWaived,
        nextPeriod,
      });
    if (s.cancelAtPeriodEnd) {
      s.status = 'canceled';
      s.cancelAtPeriodEnd = false;
      s.endedAt = ended.end;
      s.pendingPlanId = null;
      s.pendingPlanCode = null;
      await manager.save(s);
      await periodEnded(null);
      await this.jobs.enqueue(JobName.SubscriptionCanceled, {
        orgId: s.orgId,
        subscriptionId: s.id,
        canceledAt: (s.canceledAt ?? ended.end).toISOString(),
        endedAt: ended.end.toISOString(),
      });
      return;
    }
    let change: 'plan_change_applied' | 'period_advanced' = 'period_advanced';
    if (s.pendingPlanId) {
      const plan = await this.catalog.getPlanVersion(s.orgId, s.pendingPlanId);
      if (plan.interval !== s.interval || plan.intervalCount !== s.intervalCount) {
        // A new interval starts a new cycle at the boundary.
        s.billingAnchor = ended.end;
        s.interval = plan.interval;
        s.intervalCount = plan.intervalCount;
      }
      s.planId = plan.id;
      s.planCode = plan.code;
      s.pendingPlanId = null;
      s.pendingPlanCode = null;
      change = 'plan_change_applied';
    }
    const next = periodAt(s, ended.end);
    s.currentPeriodStart = next.start;
    s.currentPeriodEnd = next.end;
    await manager.save(s);
    const trialing = s.trialEndsAt !== null && s.trialEndsAt > next.start;
    await periodEnded({
      start: next.start.toISOString(),
      end: next.end.toISOString(),
      planId: s.planId,
      feeWaived: trialing || s.status === 'paused',
    });
    await this.updated(s, change);
  }

  /** Locks the row, applies `change`, saves, and returns the result; all in one transaction. */
  private mutate(
    orgId: string,
    id: string,
    change: (s: Subscription) => Promise<void>,
  ): Promise<SubscriptionResponse> {
    return this.tx.run(async (manager) => {
      const s = isUuid(id)
        ? await manager.findOne(Subscription, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!s) throw subscriptionNotFound(`with id ${id}`);
      await change(s);
      await manager.save(s);
      return this.get(orgId, id);
    });
  }

  private updated(
    s: Subscription,
    change: SubscriptionChange,
    prorations?: SubscriptionProrationLine[],
  ): Promise<string> {
    return this.jobs.enqueue(JobName.SubscriptionUpdated, {
      orgId: s.orgId,
      subscriptionId: s.id,
      change,
      ...(prorations ? { prorations } : {}),
    });
  }

  private assertNotCanceled(s: Subscription): void {
    if (s.status === 'canceled')
      throw conflict(SubscriptionsErrorCode.SubscriptionCanceled, 'The subscription is canceled.');
  }

  private assertCurrency(customer: CustomerResponse, plan: PlanVersionView, field: string): void {
    if (plan.currency !== customer.currency)
      throw invalidField(
        SubscriptionsErrorCode.CurrencyMismatch,
        field,
        `the plan's currency ${plan.currency} is not the customer's currency ${customer.currency}`,
      );
  }

  private resolveCustomer(orgId: string, input: CreateSubscriptionDto): Promise<CustomerResponse> {
    if ((input.customerId === undefined) === (input.customerExternalId === undefined))
      throw invalidField(
        SubscriptionsErrorCode.InvalidSubscription,
        'customerId',
        'give exactly one of customerId and customerExternalId',
      );
    return input.customerId !== undefined
      ? referenced('customerId', () => this.customers.get(orgId, input.customerId!))
      : referenced('customerExternalId', () =>
          this.customers.getByExternalId(orgId, input.customerExternalId!),
        );
  }

  private resolvePlan(
    orgId: string,
    input: { planId?: string; planCode?: string },
  ): Promise<PlanVersionView> {
    if ((input.planId === undefined) === (input.planCode === undefined))
      throw invalidField(
        SubscriptionsErrorCode.InvalidSubscription,
        'planCode',
        'give exactly one of planCode and planId',
      );
    return input.planId !== undefined
      ? referenced('planId', () => this.catalog.getPlanVersion(orgId, input.planId!))
      : referenced('planCode', () => this.catalog.getLatestPlan(orgId, input.planCode!));
  }
}
