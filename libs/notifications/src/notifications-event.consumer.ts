import { Injectable } from '@nestjs/common';
import { DomainEventEnvelope, JobHandler, JobName } from '@app/core';
import { DisputeNotifications } from './dispute-notifications';
import { InvoiceNotifications } from './invoice-notifications';
import { NotificationsService } from './notifications.service';

/**
 * Emails what the domain events call for (see EVENT_CONSUMERS). Each email's dedupe key is the event id,
 * so a retried or replayed event sends nothing twice.
 */
@Injectable()
export class NotificationsEventConsumer {
  constructor(
    private readonly invoiceEmails: InvoiceNotifications,
    private readonly notifications: NotificationsService,
    private readonly disputes: DisputeNotifications,
  ) {}

  @JobHandler(JobName.NotificationsOnEvent)
  async onEvent(event: DomainEventEnvelope): Promise<void> {
    const key = `${event.type}:${event.id}`;
    switch (event.type) {
      case JobName.InvoiceFinalized: {
        const { orgId, invoiceId } = event.data as DomainEventEnvelope<JobName.InvoiceFinalized>['data'];
        await this.invoiceEmails.invoice(orgId, invoiceId, key);
        return;
      }
      case JobName.InvoiceSendRequested: {
        const { orgId, invoiceId } = event.data as DomainEventEnvelope<JobName.InvoiceSendRequested>['data'];
        await this.invoiceEmails.invoice(orgId, invoiceId, key, true);
        return;
      }
      case JobName.InvoiceOverdue: {
        const { orgId, invoiceId } = event.data as DomainEventEnvelope<JobName.InvoiceOverdue>['data'];
        await this.invoiceEmails.overdueReminder(orgId, invoiceId, key);
        return;
      }
      case JobName.CreditNoteCreated: {
        const { orgId, creditNoteId } = event.data as DomainEventEnvelope<JobName.CreditNoteCreated>['data'];
        await this.invoiceEmails.creditNote(orgId, creditNoteId, key);
        return;
      }
      case JobName.UsageAlertTriggered: {
        const alert = event.data as DomainEventEnvelope<JobName.UsageAlertTriggered>['data'];
        await this.notifications.usageAlert(alert.orgId, alert, key);
        return;
      }
      case JobName.PaymentSucceeded: {
        const payment = event.data as DomainEventEnvelope<JobName.PaymentSucceeded>['data'];
        await this.notifications.paymentReceipt(payment.orgId, {
          customerId: payment.customerId,
          paymentId: payment.paymentId,
          amount: payment.amount,
          currency: payment.currency,
          paidAt: event.occurredAt,
          invoiceId: payment.invoiceIds.length === 1 ? payment.invoiceIds[0] : null,
        });
        return;
      }
      case JobName.PaymentFailed: {
        const payment = event.data as DomainEventEnvelope<JobName.PaymentFailed>['data'];
        // A declined Stripe charge is emailed by dunning, once per step and with the next attempt's date.
        if (payment.provider === 'stripe') return;
        await this.notifications.paymentFailed(
          payment.orgId,
          {
            customerId: payment.customerId,
            paymentId: payment.paymentId,
            amount: payment.amount,
            currency: payment.currency,
            invoiceId: payment.invoiceIds.length === 1 ? payment.invoiceIds[0] : null,
          },
          key,
        );
        return;
      }
      case JobName.PaymentRefunded: {
        const refund = event.data as DomainEventEnvelope<JobName.PaymentRefunded>['data'];
        await this.notifications.refundConfirmation(
          refund.orgId,
          {
            customerId: refund.customerId,
            amount: refund.amount,
            currency: refund.currency,
            refundedAt: event.occurredAt,
            invoiceId: refund.invoiceIds.length === 1 ? refund.invoiceIds[0] : null,
          },
          key,
        );
        return;
      }
      case JobName.DisputeCreated:
      case JobName.DisputeClosed: {
        const dispute = event.data as DomainEventEnvelope<JobName.DisputeCreated>['data'];
        await this.disputes.alert(dispute, event.type === JobName.DisputeClosed, key);
        return;
      }
      default:
        return;
    }
  }
}
