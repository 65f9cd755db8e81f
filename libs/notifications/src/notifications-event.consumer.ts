import { Injectable } from '@nestjs/common';
import { DomainEventEnvelope, JobHandler, JobName } from '@app/core';
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
      default:
        return;
    }
  }
}
