import { MailTemplate } from '@app/core';
import { Parties, detailsHtml, detailsText, greeting, paragraph, signature } from './template-parts';

export interface PaymentReceiptContext extends Parties {
  amount: string;
  paidOn: string;
  /** The invoice paid, or null for a payment not tied to one. */
  invoiceNumber: string | null;
  /** E.g. "Visa •••• 4242"; null when unknown. */
  paymentMethod: string | null;
}

const receiptFacts: [string, string][] = [
  ['Amount paid', '{{amount}}'],
  ['Date', '{{paidOn}}'],
  ['Invoice', '{{#if invoiceNumber}}{{invoiceNumber}}{{else}}—{{/if}}'],
  ['Payment method', '{{#if paymentMethod}}{{paymentMethod}}{{else}}—{{/if}}'],
];

export const paymentReceiptTemplate: MailTemplate<PaymentReceiptContext> = {
  name: 'payment-receipt',
  subject: 'Receipt for your payment of {{amount}} to {{orgName}}',
  html: `${greeting.html}${paragraph('Thank you: we received your payment of <strong>{{amount}}</strong>.')}${detailsHtml(receiptFacts)}${signature.html}`,
  text: `${greeting.text}

Thank you: we received your payment of {{amount}}.

${detailsText(receiptFacts)}

${signature.text}`,
};

export interface PaymentFailedContext extends Parties {
  amount: string;
  invoiceNumber: string | null;
  /** Why the payment provider declined, in words; null when unknown. */
  reason: string | null;
  /** When the next attempt is made; null when none is scheduled. */
  nextAttemptOn: string | null;
}

const failedFacts: [string, string][] = [
  ['Amount', '{{amount}}'],
  ['Invoice', '{{#if invoiceNumber}}{{invoiceNumber}}{{else}}—{{/if}}'],
  ['Reason', '{{#if reason}}{{reason}}{{else}}declined{{/if}}'],
  ['Next attempt', '{{#if nextAttemptOn}}{{nextAttemptOn}}{{else}}none scheduled{{/if}}'],
];

/** A failed charge (also the dunning reminder after a failed payment attempt). */
export const paymentFailedTemplate: MailTemplate<PaymentFailedContext> = {
  name: 'payment-failed',
  subject: 'Your payment of {{amount}} to {{orgName}} failed',
  html: `${greeting.html}${paragraph('We could not collect your payment of <strong>{{amount}}</strong>. Please check your payment method or pay the invoice another way.')}${detailsHtml(failedFacts)}${signature.html}`,
  text: `${greeting.text}

We could not collect your payment of {{amount}}. Please check your payment method or pay the invoice another way.

${detailsText(failedFacts)}

${signature.text}`,
};

export interface RefundConfirmationContext extends Parties {
  amount: string;
  refundedOn: string;
  invoiceNumber: string | null;
}

const refundFacts: [string, string][] = [
  ['Amount refunded', '{{amount}}'],
  ['Date', '{{refundedOn}}'],
  ['Invoice', '{{#if invoiceNumber}}{{invoiceNumber}}{{else}}—{{/if}}'],
];

/** A refund paid out to the customer (sent under the payment-receipt setting). */
export const refundConfirmationTemplate: MailTemplate<RefundConfirmationContext> = {
  name: 'refund-confirmation',
  subject: '{{orgName}} refunded {{amount}} to you',
  html: `${greeting.html}${paragraph('We refunded <strong>{{amount}}</strong> to you. Depending on your bank it can take a few days to show on your statement.')}${detailsHtml(refundFacts)}${signature.html}`,
  text: `${greeting.text}

We refunded {{amount}} to you. Depending on your bank it can take a few days to show on your statement.

${detailsText(refundFacts)}

${signature.text}`,
};
