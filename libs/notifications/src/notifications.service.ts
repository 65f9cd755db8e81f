import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { Email, JobPayloads, JobName } from '@app/core';
import { InvoicesService } from '@app/invoicing';
import { SubscriptionsService } from '@app/subscriptions';
import { InvoiceNotifications } from './invoice-notifications';
import { NotificationMailer } from './mailer/notification-mailer';
import {
  paymentFailedTemplate,
  paymentReceiptTemplate,
  refundConfirmationTemplate,
} from './templates/payment-emails.templates';
import { renewalReminderTemplate, usageAlertTemplate } from './templates/subscription-emails.templates';

export interface PaymentReceiptInput {
  customerId: string;
  /** Deduplicates: one receipt per payment. */
  paymentId: string;
  /** Minor units. */
  amount: number;
  currency: string;
  paidAt: Date | string;
  invoiceId?: string | null;
  /** E.g. "Visa •••• 4242". */
  paymentMethod?: string | null;
}

export interface RefundConfirmationInput {
  customerId: string;
  amount: number;
  currency: string;
  refundedAt: Date | string;
  invoiceId?: string | null;
}

export interface PaymentFailedInput {
  customerId: string;
  /** Deduplicates: one email per failed payment attempt. */
  paymentId: string;
  amount: number;
  currency: string;
  invoiceId?: string | null;
  reason?: string | null;
  nextAttemptAt?: Date | string | null;
}

export interface DunningReminderInput {
  invoiceId: string;
  /** The dunning step (1, 2, …): one reminder per invoice and step. */
  step: number;
  /** Set when the step follows a failed payment attempt: the payment-failed email is sent instead. */
  failedPayment?: Omit<PaymentFailedInput, 'customerId' | 'invoiceId'>;
}

const USAGE_WHAT = { usage_threshold: 'usage', cost_threshold: 'cost', spike: 'usage spike' } as const;

/**
 * The emails other domains ask for (payments: receipts, failures, dunning), plus subscription ones. Each
 * honours the org's settings and the customer's opt-outs, and is sent at most once per cause.
 */
@Injectable()
export class NotificationsService {
  constructor(
    private readonly mailer: NotificationMailer,
    private readonly invoiceEmails: InvoiceNotifications,
    private readonly invoices: InvoicesService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  paymentReceipt(orgId: string, input: PaymentReceiptInput): Promise<Email | null> {
    return this.mailer.toCustomer(orgId, {
      kind: 'payment_receipt',
      customerId: input.customerId,
      dedupeKey: `payment_receipt:${input.paymentId}`,
      template: paymentReceiptTemplate,
      context: async ({ parties, format }) => ({
        ...parties,
        amount: format.money(input.amount, input.currency),
        paidOn: format.date(input.paidAt),
        invoiceNumber: await this.invoiceNumber(orgId, input.invoiceId),
        paymentMethod: input.paymentMethod ?? null,
      }),
    });
  }

  paymentFailed(orgId: string, input: PaymentFailedInput, dedupeKey?: string): Promise<Email | null> {
    return this.mailer.toCustomer(orgId, {
      kind: 'payment_failed',
      customerId: input.customerId,
      dedupeKey: dedupeKey ?? `payment_failed:${input.paymentId}`,
      template: paymentFailedTemplate,
      context: async ({ parties, format }) => ({
        ...parties,
        amount: format.money(input.amount, input.currency),
        invoiceNumber: await this.invoiceNumber(orgId, input.invoiceId),
        reason: input.reason ?? null,
        nextAttemptOn: input.nextAttemptAt ? format.date(input.nextAttemptAt) : null,
      }),
    });
  }

  /** A refund paid out; under the payment-receipt setting (the same kind of email, the other way). */
  refundConfirmation(
    orgId: string,
    input: RefundConfirmationInput,
    dedupeKey: string,
  ): Promise<Email | null> {
    return this.mailer.toCustomer(orgId, {
      kind: 'payment_receipt',
      customerId: input.customerId,
      dedupeKey,
      template: refundConfirmationTemplate,
      context: async ({ parties, format }) => ({
        ...parties,
        amount: format.money(input.amount, input.currency),
        refundedOn: format.date(input.refundedAt),
        invoiceNumber: await this.invoiceNumber(orgId, input.invoiceId),
      }),
    });
  }

  /** A dunning step: the payment-failed email after a failed attempt, the overdue reminder otherwise. */
  async dunningReminder(orgId: string, input: DunningReminderInput): Promise<Email | null> {
    const dedupeKey = `dunning:${input.invoiceId}:${input.step}`;
    if (!input.failedPayment) return this.invoiceEmails.overdueReminder(orgId, input.invoiceId, dedupeKey);
    const invoice = await this.invoices.get(orgId, input.invoiceId);
    return this.paymentFailed(
      orgId,
      { ...input.failedPayment, customerId: invoice.customerId, invoiceId: invoice.id },
      dedupeKey,
    );
  }

  /** The subscription's current period ends soon; once per subscription and period. */
  async renewalReminder(orgId: string, subscriptionId: string): Promise<Email | null> {
    const subscription = await this.subscriptions.get(orgId, subscriptionId);
    return this.mailer.toCustomer(orgId, {
      kind: 'renewal_reminder',
      customerId: subscription.customerId,
      dedupeKey: `renewal:${subscription.id}:${subscription.currentPeriodEnd.toISOString()}`,
      template: renewalReminderTemplate,
      context: ({ parties, format }) => ({
        ...parties,
        planCode: subscription.planCode,
        renewsOn: format.date(subscription.currentPeriodEnd),
        periodStart: format.date(subscription.currentPeriodStart),
      }),
    });
  }

  async usageAlert(
    orgId: string,
    alert: JobPayloads[JobName.UsageAlertTriggered],
    dedupeKey: string,
  ): Promise<Email | null> {
    const { currency } = await this.subscriptions.get(orgId, alert.subscriptionId);
    return this.mailer.toCustomer(orgId, {
      kind: 'usage_alert',
      customerId: alert.customerId,
      dedupeKey,
      template: usageAlertTemplate,
      context: ({ parties, format }) => {
        // A cost threshold is in minor units of the subscription's currency; a spike is a ratio.
        const show = (value: string) =>
          alert.kind === 'cost_threshold'
            ? format.money(new Decimal(value).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber(), currency)
            : alert.kind === 'spike'
              ? `×${format.quantity(value)}`
              : format.quantity(value);
        return {
          ...parties,
          metricCode: alert.metricCode,
          what: USAGE_WHAT[alert.kind],
          threshold: show(alert.threshold),
          observed: show(alert.observed),
          periodStart: format.date(alert.periodStart),
          periodEnd: format.date(alert.periodEnd),
        };
      },
    });
  }

  private async invoiceNumber(orgId: string, invoiceId: string | null | undefined): Promise<string | null> {
    return invoiceId ? ((await this.invoices.get(orgId, invoiceId)).number ?? null) : null;
  }
}
