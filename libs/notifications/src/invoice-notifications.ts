import { Injectable } from '@nestjs/common';
import { Email } from '@app/core';
import { CreditNoteReadsService, InvoiceDetailResponse, InvoicesService } from '@app/invoicing';
import { InvoiceDocumentsService } from '@app/documents';
import { MailFormat } from './mailer/mail-format';
import { NotificationMailer } from './mailer/notification-mailer';
import { NotificationKind } from './notification-kinds';
import {
  InvoiceEmailContext,
  creditNoteTemplate,
  dueDateReminderTemplate,
  invoiceTemplate,
  overdueReminderTemplate,
} from './templates/invoice-emails.templates';
import { Parties } from './templates/template-parts';

const invoiceFacts = (parties: Parties, invoice: InvoiceDetailResponse, format: MailFormat) => ({
  ...parties,
  number: invoice.number ?? '',
  issuedOn: format.date(invoice.issuedAt ?? invoice.createdAt),
  dueOn: invoice.dueAt ? format.date(invoice.dueAt) : null,
  total: format.money(invoice.total, invoice.currency),
  amountDue: format.money(invoice.amountDue, invoice.currency),
  amountRemaining: format.money(invoice.amountRemaining, invoice.currency),
});

/** Still something to collect: reminders about a paid, voided or written-off invoice are not sent. */
const collectible = (invoice: InvoiceDetailResponse): boolean =>
  invoice.status === 'open' && invoice.amountRemaining > 0;

/** Emails about invoices and credit notes: the invoice with its PDF, reminders, credit notes. */
@Injectable()
export class InvoiceNotifications {
  constructor(
    private readonly mailer: NotificationMailer,
    private readonly invoices: InvoicesService,
    private readonly creditNotes: CreditNoteReadsService,
    private readonly documents: InvoiceDocumentsService,
  ) {}

  /** The finalized invoice with its PDF; `force` for an explicit send request. */
  async invoice(orgId: string, invoiceId: string, dedupeKey: string, force = false): Promise<Email | null> {
    const invoice = await this.invoices.get(orgId, invoiceId);
    if (!invoice.number) return null;
    return this.mailer.toCustomer<InvoiceEmailContext>(orgId, {
      kind: 'invoice_finalized',
      customerId: invoice.customerId,
      dedupeKey,
      force,
      template: invoiceTemplate,
      context: ({ parties, format }) => invoiceFacts(parties, invoice, format),
      attachments: async () => {
        const pdf = await this.documents.invoicePdf(orgId, invoiceId);
        return [{ documentId: pdf.id, filename: pdf.filename, contentType: pdf.contentType }];
      },
    });
  }

  async creditNote(orgId: string, creditNoteId: string, dedupeKey: string): Promise<Email | null> {
    const note = await this.creditNotes.get(orgId, creditNoteId);
    const invoice = await this.invoices.get(orgId, note.invoiceId);
    return this.mailer.toCustomer(orgId, {
      kind: 'credit_note',
      customerId: note.customerId,
      dedupeKey,
      template: creditNoteTemplate,
      context: ({ parties, format }) => ({
        ...parties,
        number: note.number,
        invoiceNumber: invoice.number ?? '',
        total: format.money(note.total, note.currency),
        issuedOn: format.date(note.issuedAt),
      }),
      attachments: async () => {
        const pdf = await this.documents.creditNotePdf(orgId, creditNoteId);
        return [{ documentId: pdf.id, filename: pdf.filename, contentType: pdf.contentType }];
      },
    });
  }

  dueDateReminder(orgId: string, invoiceId: string, dedupeKey: string): Promise<Email | null> {
    return this.reminder(orgId, invoiceId, dedupeKey, 'due_date_reminder');
  }

  overdueReminder(orgId: string, invoiceId: string, dedupeKey: string): Promise<Email | null> {
    return this.reminder(orgId, invoiceId, dedupeKey, 'overdue_reminder');
  }

  private async reminder(
    orgId: string,
    invoiceId: string,
    dedupeKey: string,
    kind: Extract<NotificationKind, 'due_date_reminder' | 'overdue_reminder'>,
  ): Promise<Email | null> {
    const invoice = await this.invoices.get(orgId, invoiceId);
    if (!collectible(invoice)) return null;
    return this.mailer.toCustomer(orgId, {
      kind,
      customerId: invoice.customerId,
      dedupeKey,
      template: kind === 'due_date_reminder' ? dueDateReminderTemplate : overdueReminderTemplate,
      context: ({ parties, format }) => invoiceFacts(parties, invoice, format),
    });
  }
}
