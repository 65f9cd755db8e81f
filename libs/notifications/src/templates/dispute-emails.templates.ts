import { MailTemplate } from '@app/core';

export interface DisputeAlertContext {
  customerName: string;
  amount: string;
  reason: string;
  status: string;
  disputeId: string;
  paymentId: string;
}

/** To the organisation's owners and admins when a cardholder disputes a payment. */
export const disputeOpenedTemplate: MailTemplate<DisputeAlertContext> = {
  name: 'dispute-opened',
  subject: 'Payment disputed: {{amount}} from {{customerName}}',
  html: `<h1 style="font-size:20px">A payment was disputed</h1>
<p style="font-size:15px;line-height:1.5">{{customerName}}'s bank disputes a payment of <strong>{{amount}}</strong>
(reason: {{reason}}, status: {{status}}).</p>
<p style="font-size:15px;line-height:1.5">Answer it before the evidence deadline: submit evidence
(<code>POST /v1/disputes/{{disputeId}}/evidence</code>) or accept it (<code>POST /v1/disputes/{{disputeId}}/accept</code>).
Payment: <code>{{paymentId}}</code>.</p>`,
  text: `A payment was disputed

{{customerName}}'s bank disputes a payment of {{amount}} (reason: {{reason}}, status: {{status}}).
Answer it before the evidence deadline: submit evidence (POST /v1/disputes/{{disputeId}}/evidence) or accept it (POST /v1/disputes/{{disputeId}}/accept). Payment: {{paymentId}}.`,
};

/** To the organisation's owners and admins when a dispute ends (won, lost or an inquiry closed). */
export const disputeClosedTemplate: MailTemplate<DisputeAlertContext> = {
  name: 'dispute-closed',
  subject: 'Dispute {{status}}: {{amount}} from {{customerName}}',
  html: `<h1 style="font-size:20px">A dispute is closed: {{status}}</h1>
<p style="font-size:15px;line-height:1.5">The dispute of {{customerName}}'s payment of <strong>{{amount}}</strong>
(reason: {{reason}}) ended <strong>{{status}}</strong>. Dispute <code>{{disputeId}}</code>, payment <code>{{paymentId}}</code>.</p>`,
  text: `A dispute is closed: {{status}}

The dispute of {{customerName}}'s payment of {{amount}} (reason: {{reason}}) ended {{status}}. Dispute {{disputeId}}, payment {{paymentId}}.`,
};
