import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsInt,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { WEBHOOK_EVENT_TYPES } from '@app/core';

/**
 * Shapes only: the URL rules (http/https, no credentials, no private target) and the event types are
 * checked by the service, as 422s naming the field.
 */
export class CreateWebhookEndpointDto {
  /** https:// (or http://) URL that receives the POSTs. */
  @IsString()
  @MaxLength(4096)
  url: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  /** Event types to receive (GET /v1/webhook-endpoints/event-types), or `["*"]` for all of them. */
  @ApiProperty({ type: [String], example: ['invoice.finalized', 'customer.created'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length + 1)
  @IsString({ each: true })
  enabledEvents: string[];

  /** Default true. */
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

/** Only the fields present change. Enabling an endpoint that was disabled for failing re-arms it. */
export class UpdateWebhookEndpointDto {
  @IsOptional()
  @IsString()
  @MaxLength(4096)
  url?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string | null;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length + 1)
  @IsString({ each: true })
  enabledEvents?: string[];

  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class RotateWebhookSecretDto {
  /** How long the previous secret keeps signing deliveries alongside the new one (0–168 h, default 24). */
  @ApiPropertyOptional({ minimum: 0, maximum: 168, default: 24 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(168)
  expiresInHours?: number;
}
