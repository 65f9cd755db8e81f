import { MailTemplate } from '@app/core';

export interface EndpointDisabledContext {
  url: string;
  endpointId: string;
  failingSince: string;
  lastError: string;
}

export const endpointDisabledTemplate: MailTemplate<EndpointDisabledContext> = {
  name: 'webhooks-endpoint-disabled',
  subject: 'Webhook endpoint disabled: {{url}}',
  html: `<h1 style="font-size:20px">A webhook endpoint was disabled</h1>
<p style="font-size:15px;line-height:1.5">Deliveries to <strong>{{url}}</strong> have been failing since {{failingSince}},
so the endpoint (<code>{{endpointId}}</code>) no longer receives events.</p>
<p style="font-size:15px;line-height:1.5">Last error: {{lastError}}</p>
<p style="font-size:15px;line-height:1.5">Fix the receiver, enable the endpoint again
(<code>PATCH /v1/webhook-endpoints/{{endpointId}}</code> with <code>{"enabled": true}</code>) and replay the
deliveries you need (<code>POST /v1/webhook-deliveries/{id}/replay</code>).</p>`,
  text: `A webhook endpoint was disabled

Deliveries to {{url}} have been failing since {{failingSince}}, so the endpoint ({{endpointId}}) no longer receives events.
Last error: {{lastError}}

Fix the receiver, enable the endpoint again (PATCH /v1/webhook-endpoints/{{endpointId}} with {"enabled": true}) and replay the deliveries you need (POST /v1/webhook-deliveries/{id}/replay).`,
};
