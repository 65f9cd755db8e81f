import { JobName, JobPayloads } from './jobs';

/**
 * The job names that are domain events: facts a domain committed that other domains react to. Publishing
 * one (`JobQueue.enqueue`) writes, in the transaction of the change, the event itself to the outbox as a
 * record (never processed) and one job per consumer (EVENT_CONSUMERS) carrying a DomainEventEnvelope. Their
 * names are also the public webhook event types.
 */
export const DOMAIN_EVENTS = [
  JobName.CustomerCreated,
  JobName.CustomerUpdated,
  JobName.CustomerDeleted,
  JobName.SubscriptionCreated,
  JobName.SubscriptionUpdated,
  JobName.SubscriptionCanceled,
  JobName.SubscriptionPeriodEnded,
  JobName.UsageAlertTriggered,
  JobName.InvoiceCreated,
  JobName.InvoiceFinalized,
  JobName.InvoiceVoided,
  JobName.InvoiceOverdue,
  JobName.InvoiceMarkedUncollectible,
  JobName.InvoiceSendRequested,
  JobName.CreditNoteCreated,
  JobName.InvoicePaid,
  JobName.PaymentSucceeded,
  JobName.PaymentFailed,
  JobName.PaymentRefunded,
  JobName.DisputeCreated,
  JobName.DisputeClosed,
] as const;

export type DomainEventName = (typeof DOMAIN_EVENTS)[number];

/** The jobs that consume domain events; each takes a DomainEventEnvelope. */
export type EventConsumerJob =
  | JobName.BillingOnSubscriptionEvent
  | JobName.DocumentsOnEvent
  | JobName.NotificationsOnEvent
  | JobName.WebhooksOnEvent
  | JobName.PaymentsOnEvent;

/**
 * What a consumer receives. `id` is the event's own id (its outbox row id): the same for every consumer and
 * every retry, so it deduplicates (and is the webhook event id). `occurredAt` is when the change was written.
 */
export interface DomainEventEnvelope<N extends DomainEventName = DomainEventName> {
  id: string;
  type: N;
  occurredAt: string;
  data: JobPayloads[N];
}

const BILLING = JobName.BillingOnSubscriptionEvent;
const DOCUMENTS = JobName.DocumentsOnEvent;
const NOTIFICATIONS = JobName.NotificationsOnEvent;
const WEBHOOKS = JobName.WebhooksOnEvent;
const PAYMENTS = JobName.PaymentsOnEvent;

/** Who reacts to each event. An event with no consumer is still recorded in the outbox (the audit trail). */
export const EVENT_CONSUMERS: Record<DomainEventName, readonly EventConsumerJob[]> = {
  [JobName.CustomerCreated]: [WEBHOOKS],
  [JobName.CustomerUpdated]: [WEBHOOKS],
  [JobName.CustomerDeleted]: [WEBHOOKS],
  [JobName.SubscriptionCreated]: [BILLING, WEBHOOKS],
  [JobName.SubscriptionUpdated]: [BILLING, WEBHOOKS],
  [JobName.SubscriptionCanceled]: [WEBHOOKS],
  [JobName.SubscriptionPeriodEnded]: [BILLING],
  [JobName.UsageAlertTriggered]: [NOTIFICATIONS, WEBHOOKS],
  [JobName.InvoiceCreated]: [WEBHOOKS],
  [JobName.InvoiceFinalized]: [DOCUMENTS, NOTIFICATIONS, WEBHOOKS, PAYMENTS],
  [JobName.InvoiceVoided]: [WEBHOOKS, PAYMENTS],
  [JobName.InvoiceOverdue]: [NOTIFICATIONS, WEBHOOKS],
  [JobName.InvoiceMarkedUncollectible]: [WEBHOOKS, PAYMENTS],
  [JobName.InvoiceSendRequested]: [NOTIFICATIONS],
  [JobName.CreditNoteCreated]: [DOCUMENTS, NOTIFICATIONS, WEBHOOKS],
  [JobName.InvoicePaid]: [WEBHOOKS, PAYMENTS],
  [JobName.PaymentSucceeded]: [NOTIFICATIONS, WEBHOOKS],
  [JobName.PaymentFailed]: [NOTIFICATIONS, WEBHOOKS],
  [JobName.PaymentRefunded]: [NOTIFICATIONS, WEBHOOKS],
  [JobName.DisputeCreated]: [NOTIFICATIONS, WEBHOOKS],
  [JobName.DisputeClosed]: [NOTIFICATIONS, WEBHOOKS],
};

/** The event types an outbound webhook endpoint can subscribe to: those delivered to webhooks. */
export const WEBHOOK_EVENT_TYPES: readonly DomainEventName[] = DOMAIN_EVENTS.filter((name) =>
  EVENT_CONSUMERS[name].includes(WEBHOOKS),
);

export function isDomainEvent(name: string): name is DomainEventName {
  return (DOMAIN_EVENTS as readonly string[]).includes(name);
}
