import type { DomainEventEnvelope } from './domain-events';

/**
 * Every queue, every job name and every job's payload. A job name has exactly one processor (the worker
 * refuses to start otherwise) and runs on the queue given in JOB_QUEUES.
 */
export enum QueueName {
  Default = 'default',
  Mail = 'mail',
  /** PDF rendering: its own queue so that a burst of renders never delays billing or email. */
  Documents = 'documents',
  /** Outbound webhook deliveries: slow or dead endpoints must not hold up the other queues. */
  Webhooks = 'webhooks',
  /** Charges, Stripe events, dunning and reconciliation: money movements never wait behind billing or PDFs. */
  Payments = 'payments',
}

export enum JobName {
  SendEmail = 'mail.send',
  PurgeIdempotencyKeys = 'maintenance.purge-idempotency-keys',
  PurgeSentOutbox = 'maintenance.purge-sent-outbox',
  /** Owned by libs/auth: deletes spent and expired sessions, refresh tokens, emailed tokens, invitations. */
  PurgeExpiredCredentials = 'auth.purge-expired-credentials',
  /** Owned by libs/usage: creates the monthly partitions of usage_events ahead of time (daily, idempotent). */
  EnsureUsagePartitions = 'usage.ensure-partitions',
  /** Owned by libs/subscriptions: ends due periods (plan changes, cancellations at period end, trial ends). */
  AdvanceSubscriptionPeriods = 'subscriptions.advance-periods',
  /** Domain events of libs/subscriptions (see docs/subscriptions.md and EVENT_CONSUMERS). */
  SubscriptionCreated = 'subscription.created',
  SubscriptionUpdated = 'subscription.updated',
  SubscriptionCanceled = 'subscription.canceled',
  SubscriptionPeriodEnded = 'subscription.period_ended',
  /** Owned by libs/usage: evaluates one subscription's usage alerts (debounced after ingestion). */
  EvaluateUsageAlerts = 'usage.evaluate-alerts',
  /** Domain event of libs/usage: an alert crossed its threshold (once per alert and period). */
  UsageAlertTriggered = 'usage.alert_triggered',
  /** Owned by libs/credits: expires what remains of grants past their expiry. */
  ExpireCredits = 'credits.expire',
  /** Owned by libs/invoicing: flags open invoices past their due date as overdue. */
  MarkInvoicesOverdue = 'invoicing.mark-overdue',
  /** Owned by libs/invoicing: runs one bulk operation (finalize, send, void, mark uncollectible). */
  RunInvoiceBulkOperation = 'invoicing.bulk-operation',
  /** Domain events of libs/invoicing, consumed by notifications and payments. */
  InvoiceFinalized = 'invoice.finalized',
  InvoiceVoided = 'invoice.voided',
  InvoiceOverdue = 'invoice.overdue',
  InvoiceMarkedUncollectible = 'invoice.marked_uncollectible',
  InvoiceSendRequested = 'invoice.send_requested',
  CreditNoteCreated = 'credit_note.created',
  /** Owned by libs/invoicing (billing): claims the due billing cycles of every org and fans them out. */
  StartBillingRun = 'billing.start-run',
  /** Owned by libs/invoicing (billing): bills one batch of claimed cycles, each in its own transaction. */
  BillCycles = 'billing.bill-cycles',
  /** Owned by libs/invoicing (billing): finalizes the run's drafts whose grace period is over. */
  FinalizeGraceDrafts = 'billing.finalize-grace-drafts',
  /** Domain event of libs/invoicing: a draft was created (one-off, or by a billing run). */
  InvoiceCreated = 'invoice.created',
  /** Domain events of libs/customers. */
  CustomerCreated = 'customer.created',
  CustomerUpdated = 'customer.updated',
  CustomerDeleted = 'customer.deleted',
  /**
   * Consumers of domain events (see domain-events.ts): each gets a DomainEventEnvelope for every event it
   * subscribes to in EVENT_CONSUMERS.
   */
  BillingOnSubscriptionEvent = 'billing.on-subscription-event',
  DocumentsOnEvent = 'documents.on-event',
  NotificationsOnEvent = 'notifications.on-event',
  WebhooksOnEvent = 'webhooks.on-event',
  /** Owned by libs/webhooks: one delivery attempt of one event to one endpoint. */
  DeliverWebhook = 'webhooks.deliver',
  /** Owned by libs/webhooks: re-enqueues pending deliveries whose next attempt is long overdue (job or worker lost). */
  ResumeWebhookDeliveries = 'webhooks.resume-deliveries',
  /** Owned by libs/notifications: upcoming-renewal and due-date reminder emails (daily). */
  SendRenewalReminders = 'notifications.renewal-reminders',
  SendDueDateReminders = 'notifications.due-date-reminders',
  /** Domain event of libs/invoicing: a payment left nothing remaining on the invoice. */
  InvoicePaid = 'invoice.paid',
  /** Domain events of libs/payments (see docs/payments.md). */
  PaymentSucceeded = 'payment.succeeded',
  PaymentFailed = 'payment.failed',
  PaymentRefunded = 'payment.refunded',
  /** Domain events of libs/payments: a dispute was opened, and closed (won or lost). */
  DisputeCreated = 'dispute.created',
  DisputeClosed = 'dispute.closed',
  /** Owned by libs/payments: reacts to invoice events (charges `charge_automatically` invoices at finalization). */
  PaymentsOnEvent = 'payments.on-event',
  /** Owned by libs/payments (collection): one charge attempt of an invoice (or of one of its installments). */
  CollectInvoice = 'payments.collect-invoice',
  /** Owned by libs/payments (collection): re-reads payments stuck in processing / requires_action from Stripe. */
  RecoverStuckPayments = 'payments.recover-stuck',
  /** Owned by libs/payments (refunds): asks Stripe again about refunds pending with no answer or webhook. */
  RecoverStuckRefunds = 'payments.recover-stuck-refunds',
  /** Owned by libs/payments (Stripe inbox): processes one stored inbound Stripe event. */
  ProcessStripeEvent = 'payments.process-stripe-event',
  /** Owned by libs/payments (dunning): a scheduled dunning step of one invoice (grace period end, final action). */
  DunningStep = 'payments.dunning-step',
  /** Owned by libs/payments (reconciliation): daily, starts a reconciliation run for every connected org. */
  StartReconciliations = 'payments.start-reconciliations',
  /** Owned by libs/payments (reconciliation): runs one reconciliation run. */
  RunReconciliation = 'payments.run-reconciliation',
  /** Owned by libs/payments (installments): collects due automatic installments and flags overdue ones. */
  ProcessDueInstallments = 'payments.process-due-installments',
}

/** Scheduled jobs carry no payload; their handler works out what is due. */
export type ScheduledPayload = Record<string, never>;

/** One line a change of plan adds to the next invoice: a credit (negative) or a charge, in minor units. */
export interface SubscriptionProrationLine {
  kind: 'credit' | 'charge';
  planId: string;
  planCode: string;
  currency: string;
  /** Negative for a credit. */
  amount: number;
  periodStart: string;
  periodEnd: string;
  /** Seconds from the change to the period end, and the period's length in seconds. */
  secondsRemaining: number;
  secondsInPeriod: number;
}

export interface SubscriptionNextPeriod {
  start: string;
  end: string;
  /** The plan version of the next period (a change scheduled at period end applies here). */
  planId: string;
  /** True while the subscription is trialing or paused in the next period: no fee in advance. */
  feeWaived: boolean;
}

export type SubscriptionChange =
  | 'plan_changed'
  | 'plan_change_scheduled'
  | 'plan_change_applied'
  | 'cancel_scheduled'
  | 'cancel_unscheduled'
  | 'paused'
  | 'unpaused'
  | 'trial_ended'
  | 'period_advanced'
  /** Set and cleared by payments' dunning (grace period over with an invoice unpaid; nothing unpaid any more). */
  | 'past_due'
  | 'past_due_cleared';

export type UsageAlertKind = 'usage_threshold' | 'cost_threshold' | 'spike';

export interface InvoiceEventPayload {
  orgId: string;
  invoiceId: string;
  customerId: string;
  /** Null while the invoice is a draft. */
  number: string | null;
  currency: string;
  total: number;
  amountDue: number;
}

export interface PaymentEventPayload {
  orgId: string;
  paymentId: string;
  customerId: string;
  /** Minor units. */
  amount: number;
  currency: string;
  /** The invoices the payment is (or, for `payment.failed` after a reversal, was) allocated to. */
  invoiceIds: string[];
  /**
   * `stripe` or `manual`. A failed `stripe` payment is a declined charge of an invoice: dunning emails the
   * customer about it (one email per dunning step), so notifications sends no separate payment-failed email.
   */
  provider?: 'stripe' | 'manual';
}

export interface DisputeEventPayload {
  orgId: string;
  disputeId: string;
  paymentId: string;
  customerId: string;
  /** Minor units. */
  amount: number;
  currency: string;
  reason: string;
  /** `dispute.created`: the Stripe status when opened; `dispute.closed`: `won` or `lost`. */
  status: string;
}

/** Why a charge of an invoice was attempted. */
export const COLLECTION_TRIGGERS = [
  'finalized',
  'pay_now',
  'dunning_retry',
  'payment_method_added',
  'installment',
] as const;
export type CollectionTrigger = (typeof COLLECTION_TRIGGERS)[number];

export interface CustomerEventPayload {
  orgId: string;
  customerId: string;
  /** Set for `customer.updated`: the fields that changed (camelCase names). */
  changed?: string[];
}

export interface JobPayloads {
  [JobName.InvoiceCreated]: InvoiceEventPayload;
  [JobName.CustomerCreated]: CustomerEventPayload;
  [JobName.CustomerUpdated]: CustomerEventPayload;
  [JobName.CustomerDeleted]: CustomerEventPayload;
  [JobName.BillingOnSubscriptionEvent]: DomainEventEnvelope;
  [JobName.DocumentsOnEvent]: DomainEventEnvelope;
  [JobName.NotificationsOnEvent]: DomainEventEnvelope;
  [JobName.WebhooksOnEvent]: DomainEventEnvelope;
  [JobName.DeliverWebhook]: { orgId: string; deliveryId: string };
  [JobName.ResumeWebhookDeliveries]: ScheduledPayload;
  [JobName.SendRenewalReminders]: ScheduledPayload;
  [JobName.SendDueDateReminders]: ScheduledPayload;
  [JobName.StartBillingRun]: ScheduledPayload | { trigger: 'manual' };
  [JobName.BillCycles]: { runId: string; cycleIds: string[] };
  [JobName.FinalizeGraceDrafts]: ScheduledPayload;
  [JobName.SendEmail]: { emailId: string };
  [JobName.PurgeIdempotencyKeys]: ScheduledPayload;
  [JobName.PurgeSentOutbox]: ScheduledPayload;
  [JobName.PurgeExpiredCredentials]: ScheduledPayload;
  [JobName.EnsureUsagePartitions]: ScheduledPayload;
  [JobName.AdvanceSubscriptionPeriods]: ScheduledPayload;
  [JobName.SubscriptionCreated]: {
    orgId: string;
    subscriptionId: string;
    customerId: string;
    planId: string;
    /** The first period, and whether it starts in a trial (no fee in advance then). */
    periodStart: string;
    periodEnd: string;
    trialing: boolean;
  };
  [JobName.SubscriptionUpdated]: {
    orgId: string;
    subscriptionId: string;
    change: SubscriptionChange;
    /** Set for `plan_changed` (effective now): the lines to bill. */
    prorations?: SubscriptionProrationLine[];
  };
  [JobName.SubscriptionCanceled]: {
    orgId: string;
    subscriptionId: string;
    canceledAt: string;
    endedAt: string;
  };
  [JobName.SubscriptionPeriodEnded]: {
    orgId: string;
    subscriptionId: string;
    customerId: string;
    /** The plan version the ended period was billed on. */
    planId: string;
    periodStart: string;
    periodEnd: string;
    /** True when the ended period was trialing or paused: no base fee for it. */
    feeWaived: boolean;
    /** The period that starts at `periodEnd`, or null when the subscription ended with this period. */
    nextPeriod: SubscriptionNextPeriod | null;
  };
  [JobName.EvaluateUsageAlerts]: { orgId: string; subscriptionId: string };
  [JobName.UsageAlertTriggered]: {
    orgId: string;
    alertId: string;
    subscriptionId: string;
    customerId: string;
    metricCode: string;
    kind: UsageAlertKind;
    /** The configured threshold (a quantity, minor units, or a ratio for a spike) as a decimal string. */
    threshold: string;
    /** What was observed when it fired, in the same unit as `threshold`. */
    observed: string;
    periodStart: string;
    periodEnd: string;
  };
  [JobName.ExpireCredits]: ScheduledPayload;
  [JobName.MarkInvoicesOverdue]: ScheduledPayload;
  [JobName.RunInvoiceBulkOperation]: { orgId: string; operationId: string };
  [JobName.InvoiceFinalized]: InvoiceEventPayload;
  [JobName.InvoiceVoided]: InvoiceEventPayload;
  [JobName.InvoiceOverdue]: InvoiceEventPayload;
  [JobName.InvoiceMarkedUncollectible]: InvoiceEventPayload;
  [JobName.InvoiceSendRequested]: InvoiceEventPayload;
  [JobName.CreditNoteCreated]: {
    orgId: string;
    creditNoteId: string;
    invoiceId: string;
    customerId: string;
    number: string;
    currency: string;
    total: number;
  };
  [JobName.InvoicePaid]: InvoiceEventPayload;
  [JobName.PaymentSucceeded]: PaymentEventPayload;
  [JobName.PaymentFailed]: PaymentEventPayload;
  [JobName.PaymentRefunded]: PaymentEventPayload;
  [JobName.DisputeCreated]: DisputeEventPayload;
  [JobName.DisputeClosed]: DisputeEventPayload;
  [JobName.PaymentsOnEvent]: DomainEventEnvelope;
  [JobName.CollectInvoice]: {
    orgId: string;
    invoiceId: string;
    trigger: CollectionTrigger;
    /** Set to charge one installment of the invoice instead of all that remains. */
    installmentId?: string;
  };
  [JobName.RecoverStuckPayments]: ScheduledPayload;
  [JobName.RecoverStuckRefunds]: ScheduledPayload;
  [JobName.ProcessStripeEvent]: { orgId: string; stripeEventId: string };
  [JobName.DunningStep]: { orgId: string; invoiceId: string; step: number };
  [JobName.StartReconciliations]: ScheduledPayload;
  [JobName.RunReconciliation]: { orgId: string; runId: string };
  [JobName.ProcessDueInstallments]: ScheduledPayload;
}

export const JOB_QUEUES: Record<JobName, QueueName> = {
  [JobName.SendEmail]: QueueName.Mail,
  [JobName.PurgeIdempotencyKeys]: QueueName.Default,
  [JobName.PurgeSentOutbox]: QueueName.Default,
  [JobName.PurgeExpiredCredentials]: QueueName.Default,
  [JobName.EnsureUsagePartitions]: QueueName.Default,
  [JobName.AdvanceSubscriptionPeriods]: QueueName.Default,
  [JobName.SubscriptionCreated]: QueueName.Default,
  [JobName.SubscriptionUpdated]: QueueName.Default,
  [JobName.SubscriptionCanceled]: QueueName.Default,
  [JobName.SubscriptionPeriodEnded]: QueueName.Default,
  [JobName.EvaluateUsageAlerts]: QueueName.Default,
  [JobName.UsageAlertTriggered]: QueueName.Default,
  [JobName.ExpireCredits]: QueueName.Default,
  [JobName.MarkInvoicesOverdue]: QueueName.Default,
  [JobName.RunInvoiceBulkOperation]: QueueName.Default,
  [JobName.InvoiceFinalized]: QueueName.Default,
  [JobName.InvoiceVoided]: QueueName.Default,
  [JobName.InvoiceOverdue]: QueueName.Default,
  [JobName.InvoiceMarkedUncollectible]: QueueName.Default,
  [JobName.InvoiceSendRequested]: QueueName.Default,
  [JobName.CreditNoteCreated]: QueueName.Default,
  [JobName.StartBillingRun]: QueueName.Default,
  [JobName.BillCycles]: QueueName.Default,
  [JobName.FinalizeGraceDrafts]: QueueName.Default,
  [JobName.InvoiceCreated]: QueueName.Default,
  [JobName.CustomerCreated]: QueueName.Default,
  [JobName.CustomerUpdated]: QueueName.Default,
  [JobName.CustomerDeleted]: QueueName.Default,
  [JobName.BillingOnSubscriptionEvent]: QueueName.Default,
  [JobName.DocumentsOnEvent]: QueueName.Documents,
  [JobName.NotificationsOnEvent]: QueueName.Mail,
  [JobName.WebhooksOnEvent]: QueueName.Webhooks,
  [JobName.DeliverWebhook]: QueueName.Webhooks,
  [JobName.ResumeWebhookDeliveries]: QueueName.Webhooks,
  [JobName.SendRenewalReminders]: QueueName.Default,
  [JobName.SendDueDateReminders]: QueueName.Default,
  [JobName.InvoicePaid]: QueueName.Default,
  [JobName.PaymentSucceeded]: QueueName.Default,
  [JobName.PaymentFailed]: QueueName.Default,
  [JobName.PaymentRefunded]: QueueName.Default,
  [JobName.DisputeCreated]: QueueName.Default,
  [JobName.DisputeClosed]: QueueName.Default,
  [JobName.PaymentsOnEvent]: QueueName.Payments,
  [JobName.CollectInvoice]: QueueName.Payments,
  [JobName.RecoverStuckPayments]: QueueName.Payments,
  [JobName.RecoverStuckRefunds]: QueueName.Payments,
  [JobName.ProcessStripeEvent]: QueueName.Payments,
  [JobName.DunningStep]: QueueName.Payments,
  [JobName.StartReconciliations]: QueueName.Payments,
  [JobName.RunReconciliation]: QueueName.Payments,
  [JobName.ProcessDueInstallments]: QueueName.Payments,
};

export interface EnqueueOptions {
  /** Run no earlier than this many milliseconds after the row is relayed. */
  delayMs?: number;
  /** Deduplicates: a second job with the same id is dropped while the first is still known to BullMQ. */
  jobId?: string;
  /** Overrides the default number of attempts. */
  attempts?: number;
  priority?: number;
}
