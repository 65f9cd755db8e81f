export * from './webhooks.module';
export * from './webhooks.errors';
export { WebhookEndpointsService } from './services/webhook-endpoints.service';
export { WebhookDeliveriesService } from './services/webhook-deliveries.service';
export { WebhookRetrySchedule } from './delivery/webhook-retry-schedule';
export { WebhookEndpointResponse, WebhookEndpointWithSecretResponse } from './dto/webhook-endpoint.response';
export { WebhookDeliveryResponse, WebhookDeliveryDetailResponse } from './dto/webhook-delivery.response';
