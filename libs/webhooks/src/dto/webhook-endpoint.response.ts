import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { WEBHOOK_DISABLED_REASONS, WebhookDisabledReason } from '../entities/webhook-endpoint.entity';

export class WebhookEndpointResponse {
  id: string;
  url: string;
  description: string | null;
  @ApiProperty({ type: [String] })
  enabledEvents: string[];
  enabled: boolean;
  /** `failing` when the platform disabled it after 3 days of failed deliveries. */
  @ApiProperty({ enum: WEBHOOK_DISABLED_REASONS, nullable: true, type: String })
  disabledReason: WebhookDisabledReason | null;
  /** Until when the previous secret still signs deliveries too (after a rotation); null when it does not. */
  previousSecretExpiresAt: Date | null;
  /** Since when deliveries have been failing without a success; null while they succeed. */
  failingSince: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Returned by create and rotate-secret only: the signing secret is never shown again. */
export class WebhookEndpointWithSecretResponse extends WebhookEndpointResponse {
  /** `whsec_…`: the HMAC-SHA256 key of the `Webhook-Signature` header. */
  secret: string;
}

export class WebhookEndpointPageResponse extends PageMeta {
  @ApiProperty({ type: [WebhookEndpointResponse] })
  data: WebhookEndpointResponse[];
}

export class WebhookEventTypesResponse {
  /** Every type an endpoint can subscribe to; `*` subscribes to all, including types added later. */
  @ApiProperty({ type: [String] })
  data: string[];
}
