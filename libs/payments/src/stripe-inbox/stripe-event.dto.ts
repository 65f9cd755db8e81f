import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageMeta, PageQuery } from '@app/core';
import { STRIPE_EVENT_STATUSES, StripeEventStatus } from './stripe-event.entity';

export class StripeEventQuery extends PageQuery {
  /** An exact Stripe event type, e.g. `payment_intent.succeeded`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @Matches(/^[a-z0-9_.]+$/, { message: 'type must be a Stripe event type such as payment_intent.succeeded' })
  type?: string;

  @ApiPropertyOptional({ enum: STRIPE_EVENT_STATUSES })
  @IsOptional()
  @IsIn(STRIPE_EVENT_STATUSES)
  status?: StripeEventStatus;
}

/** An inbound Stripe event as stored in the inbox (without its payload). */
export class StripeEventResponse {
  id: string;
  /** Stripe's `evt_…` id. */
  stripeEventId: string;
  type: string;
  /** The id of the event's object (`data.object.id`). */
  objectId: string | null;
  livemode: boolean;
  /** When Stripe created the event. */
  stripeCreatedAt: Date;
  @ApiProperty({ enum: STRIPE_EVENT_STATUSES })
  status: StripeEventStatus;
  /** Processing attempts so far. */
  attempts: number;
  /** The error of the last failed attempt. */
  lastError: string | null;
  receivedAt: Date;
  processedAt: Date | null;
}

export class StripeEventDetailResponse extends StripeEventResponse {
  /** The event exactly as Stripe sent it. */
  @ApiProperty({ type: 'object', additionalProperties: true })
  payload: Record<string, unknown>;
}

export class StripeEventPageResponse extends PageMeta {
  @ApiProperty({ type: [StripeEventResponse] })
  data: StripeEventResponse[];
}

export class StripeWebhookAck {
  @ApiProperty({ enum: [true] })
  received: true;
}
