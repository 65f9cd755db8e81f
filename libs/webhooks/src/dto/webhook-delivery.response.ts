import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { WEBHOOK_DELIVERY_STATUSES, WebhookDeliveryStatus } from '../entities/webhook-delivery.entity';

export class WebhookDeliveryResponse {
  id: string;
  endpointId: string;
  /** The event id: the `id` of the body and the `Webhook-Id` header, the same on every attempt. */
  eventId: string;
  eventType: string;
  @ApiProperty({ enum: WEBHOOK_DELIVERY_STATUSES })
  status: WebhookDeliveryStatus;
  attemptCount: number;
  /** When the next attempt is due; null when none is scheduled (or one is in flight). */
  nextAttemptAt: Date | null;
  lastAttemptAt: Date | null;
  lastStatusCode: number | null;
  deliveredAt: Date | null;
  createdAt: Date;
}

export class WebhookDeliveryPageResponse extends PageMeta {
  @ApiProperty({ type: [WebhookDeliveryResponse] })
  data: WebhookDeliveryResponse[];
}

export class WebhookAttemptResponse {
  /** 1 for the first attempt; replays continue the count. */
  number: number;
  succeeded: boolean;
  /** Null when no response arrived (network error, timeout, refused target). */
  statusCode: number | null;
  latencyMs: number;
  /** The first KB of the response body. */
  responseExcerpt: string | null;
  error: string | null;
  at: Date;
}

export class WebhookDeliveryDetailResponse extends WebhookDeliveryResponse {
  /** Oldest first. */
  @ApiProperty({ type: [WebhookAttemptResponse] })
  attempts: WebhookAttemptResponse[];
}
