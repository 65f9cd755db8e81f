import { Module } from '@nestjs/common';
import { WebhooksEventConsumer } from './webhooks-event.consumer';

/** Outbound webhooks: endpoints per org, signed deliveries with retries, attempt log, replay. */
@Module({
  providers: [WebhooksEventConsumer],
})
export class WebhooksModule {}
