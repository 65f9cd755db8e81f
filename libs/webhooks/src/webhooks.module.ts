import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { WebhookDeliveriesController } from './controllers/webhook-deliveries.controller';
import { WebhookEndpointsController } from './controllers/webhook-endpoints.controller';
import { WebhookHttpClient } from './delivery/webhook-http-client';
import { WebhookRetrySchedule } from './delivery/webhook-retry-schedule';
import { WebhookTargetPolicy } from './security/webhook-target-policy';
import { FailingEndpointMonitor } from './services/failing-endpoint-monitor';
import { WebhookDeliverer } from './services/webhook-deliverer';
import { WebhookDeliveryResumer } from './services/webhook-delivery-resumer';
import { WebhookDeliveriesService } from './services/webhook-deliveries.service';
import { WebhookEndpointsService } from './services/webhook-endpoints.service';
import { WebhookFanOut } from './services/webhook-fan-out';
import { WebhooksEventConsumer } from './webhooks-event.consumer';

/** Outbound webhooks: endpoints per org, signed deliveries with retries, attempt log, replay. */
@Module({
  imports: [AuthModule],
  controllers: [WebhookEndpointsController, WebhookDeliveriesController],
  providers: [
    WebhookTargetPolicy,
    WebhookHttpClient,
    WebhookRetrySchedule,
    WebhookEndpointsService,
    WebhookDeliveriesService,
    FailingEndpointMonitor,
    WebhookFanOut,
    WebhookDeliverer,
    WebhookDeliveryResumer,
    WebhooksEventConsumer,
  ],
  exports: [WebhookEndpointsService, WebhookDeliveriesService],
})
export class WebhooksModule {}
