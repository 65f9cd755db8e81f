import { Injectable } from '@nestjs/common';
import { JobName, JobQueue, NotFoundError, Page, TransactionContext, isUuid, paginateById } from '@app/core';
import { StripeEventDetailResponse, StripeEventQuery, StripeEventResponse } from './stripe-event.dto';
import { StripeEvent } from './stripe-event.entity';

const stripeEventNotFound = (id: string): NotFoundError => new NotFoundError('stripe_event', id);

/** The admin side of the inbox: list, read and replay an organisation's inbound Stripe events. */
@Injectable()
export class StripeEventsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
  ) {}

  /** Newest received first; `type` and `status` combine with AND. */
  async list(orgId: string, query: StripeEventQuery): Promise<Page<StripeEventResponse>> {
    const qb = this.tx.manager
      .createQueryBuilder(StripeEvent, 'e')
      .select(LIST_COLUMNS.map((column) => `e.${column}`))
      .where('e.org_id = :orgId', { orgId });
    if (query.type) qb.andWhere('e.type = :type', { type: query.type });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toResponse) };
  }

  async get(orgId: string, id: string): Promise<StripeEventDetailResponse> {
    const event = isUuid(id) ? await this.tx.manager.findOneBy(StripeEvent, { orgId, id }) : null;
    if (!event) throw stripeEventNotFound(id);
    return { ...toResponse(event), payload: payloadOf(event) };
  }

  /**
   * Processes the stored event again: back to `pending` and a new processing job, in one transaction. The
   * handlers are idempotent, so a replay of an event that was applied has no second effect.
   */
  replay(orgId: string, id: string): Promise<StripeEventDetailResponse> {
    return this.tx.run(async (manager) => {
      const event = isUuid(id)
        ? await manager.findOne(StripeEvent, { where: { orgId, id }, lock: { mode: 'pessimistic_write' } })
        : null;
      if (!event) throw stripeEventNotFound(id);
      await manager.update(StripeEvent, { id }, { status: 'pending', processedAt: null });
      await this.jobs.enqueue(JobName.ProcessStripeEvent, { orgId, stripeEventId: event.stripeEventId });
      return { ...toResponse({ ...event, status: 'pending', processedAt: null }), payload: payloadOf(event) };
    });
  }
}

const LIST_COLUMNS = [
  'id',
  'stripeEventId',
  'type',
  'objectId',
  'livemode',
  'stripeCreatedAt',
  'status',
  'attempts',
  'lastError',
  'receivedAt',
  'processedAt',
] as const satisfies readonly (keyof StripeEventResponse)[];

const payloadOf = (event: StripeEvent): Record<string, unknown> =>
  event.payload as unknown as Record<string, unknown>;

const toResponse = (e: Omit<StripeEvent, 'orgId' | 'payload'>): StripeEventResponse => ({
  id: e.id,
  stripeEventId: e.stripeEventId,
  type: e.type,
  objectId: e.objectId,
  livemode: e.livemode,
  stripeCreatedAt: e.stripeCreatedAt,
  status: e.status,
  attempts: e.attempts,
  lastError: e.lastError,
  receivedAt: e.receivedAt,
  processedAt: e.processedAt,
});
