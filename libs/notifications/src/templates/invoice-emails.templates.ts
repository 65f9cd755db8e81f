import { MailTemplate } from '@app/core';
import { Parties, detailsHtml, detailsText, greeting, paragraph, signature } from './template-parts';

export interface InvoiceEmailContext extends Parties {
  number: string;
  issuedOn: string;
  /** Null when the invoice has no due date. */
  dueOn: string | null;
  total: string;
  amountDue: string;
}

const invoiceFacts: [string, string][] = [
  ['Invoice', '{{number}}'],
  ['Issued', '{{issuedOn}}'],
  ['Due', '{{#if dueOn}}{{dueOn}}{{else}}on receipt{{/if}}'],
  ['Amount due', '{{amountDue}}'],
];

/** The finalized invoice, its PDF attached. */
export const invoiceTemplate: MailTemplate<InvoiceEmailContext> = {
  name: 'invoice',
  subject: 'Invoice {{number}} from {{orgName}}',
  html: `${greeting.html}${paragraph('{{orgName}} has issued invoice <strong>{{number}}</strong> for <strong>{{total}}</strong>. You will find it attached as a PDF.')}${detailsHtml(invoiceFacts)}${signature.html}`,
  text: `${greeting.text}

{{orgName}} has issued invoice {{number}} for {{total}}. You will find it attached as a PDF.

${detailsText(invoiceFacts)}

${signature.text}`,
};

/** An open invoice coming due. */
export const dueDateReminderTemplate: MailTemplate<InvoiceEmailContext & { amountRemaining: string }> = {
  name: 'due-date-reminder',
  subject: 'Invoice {{number}} from {{orgName}} is due on {{dueOn}}',
  html: `${greeting.html}${paragraph('A friendly reminder: invoice <strong>{{number}}</strong> is due on <strong>{{dueOn}}</strong>. {{amountRemaining}} remains to be paid.')}${detailsHtml(invoiceFacts)}${paragraph('If you have already paid, please ignore this message.')}${signature.html}`,
  text: `${greeting.text}

A friendly reminder: invoice {{number}} is due on {{dueOn}}. {{amountRemaining}} remains to be paid.

${detailsText(invoiceFacts)}

If you have already paid, please ignore this message.

${signature.text}`,
};

/** An invoice past its due date (also the dunning reminder when no payment attempt failed). */
export const overdueReminderTemplate: MailTemplate<InvoiceEmailContext & { amountRemaining: string }> = {
  name: 'overdue-reminder',
  subject: 'Invoice {{number}} from {{orgName}} is overdue',
  html: `${greeting.html}${paragraph('Invoice <strong>{{number}}</strong> was due on <strong>{{dueOn}}</strong> and <strong>{{amountRemaining}}</strong> is still unpaid. Please settle it at your earliest convenience.')}${detailsHtml(invoiceFacts)}${paragraph('If you have already paid, please ignore this message.')}${signature.html}`,
  text: `${greeting.text}

Invoice {{number}} was due on {{dueOn}} and {{amountRemaining}} is still unpaid. Please settle it at your earliest convenience.

${detailsText(invoiceFacts)}

If you have already paid, please ignore this message.

${signature.text}`,
};

export interface CreditNoteEmailContext extends Parties {
  number: string;
  invoiceNumber: string;
  total: string;
  issuedOn: string;
}

const creditNoteFacts: [string, string][] = [
  ['Credit note', '{{number}}'],
  ['For invoice', '{{invoiceNumber}}'],
  ['Issued', '{{issuedOn}}'],
  ['Amount', '{{total}}'],
];

/** A credit note, its PDF attached. */
export const creditNoteTemplate: MailTemplate<CreditNoteEmailContext> = {
  name: 'credit-note',
  subject: 'Credit note {{number}} from {{orgName}}',
  html: `${greeting.html}${paragraph('{{orgName}} has issued credit note <strong>{{number}}</strong> of <strong>{{total}}</strong> against invoice {{invoiceNumber}}. You will find it attached as a PDF.')}${detailsHtml(creditNoteFacts)}${signature.html}`,
  text: `${greeting.text}

{{orgName}} has issued credit note {{number}} of {{total}} against invoice {{invoiceNumber}}. You will find it attached as a PDF.

${detailsText(creditNoteFacts)}

${signature.text}`,
};
