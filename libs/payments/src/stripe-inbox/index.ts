import { StripeEventsController } from './stripe-events.controller';
import { StripeEventsService } from './stripe-events.service';
import { StripeInboxJobs } from './stripe-inbox.jobs';
import { StripeWebhookController } from './stripe-webhook.controller';
import { StripeWebhookReceiver } from './stripe-webhook-receiver';

export const STRIPE_INBOX_PROVIDERS = [StripeInboxJobs, StripeWebhookReceiver, StripeEventsService];
export const STRIPE_INBOX_CONTROLLERS = [StripeWebhookController, StripeEventsController];
