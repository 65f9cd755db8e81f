import { MailTemplate } from '@app/core';
import { Parties, detailsHtml, detailsText, greeting, paragraph, signature } from './template-parts';

export interface RenewalReminderContext extends Parties {
  planCode: string;
  renewsOn: string;
  periodStart: string;
}

const renewalFacts: [string, string][] = [
  ['Plan', '{{planCode}}'],
  ['Current period since', '{{periodStart}}'],
  ['Renews on', '{{renewsOn}}'],
];

export const renewalReminderTemplate: MailTemplate<RenewalReminderContext> = {
  name: 'renewal-reminder',
  subject: 'Your {{planCode}} subscription with {{orgName}} renews on {{renewsOn}}',
  html: `${greeting.html}${paragraph('Your subscription to <strong>{{planCode}}</strong> renews on <strong>{{renewsOn}}</strong>. Nothing to do if you wish to continue; contact us to change or cancel it before then.')}${detailsHtml(renewalFacts)}${signature.html}`,
  text: `${greeting.text}

Your subscription to {{planCode}} renews on {{renewsOn}}. Nothing to do if you wish to continue; contact us to change or cancel it before then.

${detailsText(renewalFacts)}

${signature.text}`,
};

export interface UsageAlertContext extends Parties {
  metricCode: string;
  /** "usage", "cost" or "usage spike". */
  what: string;
  threshold: string;
  observed: string;
  periodStart: string;
  periodEnd: string;
}

const alertFacts: [string, string][] = [
  ['Metric', '{{metricCode}}'],
  ['Threshold', '{{threshold}}'],
  ['Observed', '{{observed}}'],
  ['Period', '{{periodStart}} – {{periodEnd}}'],
];

export const usageAlertTemplate: MailTemplate<UsageAlertContext> = {
  name: 'usage-alert',
  subject: 'Usage alert from {{orgName}}: {{metricCode}} {{what}} reached {{observed}}',
  html: `${greeting.html}${paragraph('Your {{what}} of <strong>{{metricCode}}</strong> has reached <strong>{{observed}}</strong> this period, crossing the alert threshold of {{threshold}}.')}${detailsHtml(alertFacts)}${signature.html}`,
  text: `${greeting.text}

Your {{what}} of {{metricCode}} has reached {{observed}} this period, crossing the alert threshold of {{threshold}}.

${detailsText(alertFacts)}

${signature.text}`,
};
