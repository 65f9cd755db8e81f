import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USAGE_LIMITS } from '../usage.limits';

/**
 * One usage event, for the OpenAPI document only: events are checked by `parseEvent` item by item (a bad
 * event of a batch must not reject the good ones, so the global validation pipe does not see them).
 */
export class UsageEventInput {
  @ApiProperty({
    description:
      'Your id of the event, unique per organisation: a replay is accepted as a no-op (`duplicate`).',
    maxLength: USAGE_LIMITS.maxTransactionIdLength,
    example: 'req_01J9Z3',
  })
  transactionId: string;

  @ApiPropertyOptional({
    description:
      'The `externalId` of a customer of your organisation. Give exactly one of this and `subscriptionExternalId`.',
    maxLength: 255,
  })
  customerExternalId?: string;

  @ApiPropertyOptional({
    description:
      "The `externalId` of a subscription of your organisation: the event is the subscription's customer's. Give exactly one of this and `customerExternalId`.",
    maxLength: 255,
  })
  subscriptionExternalId?: string;

  @ApiProperty({ description: 'The `code` of a billable metric of your organisation.', example: 'api_calls' })
  metricCode: string;

  @ApiPropertyOptional({
    description:
      'ISO 8601 with a time zone; default now. Within the organisation window (GET /v1/usage/settings; default at most 35 days old and 5 minutes ahead).',
    format: 'date-time',
  })
  timestamp?: string;

  @ApiPropertyOptional({
    description:
      "At most 50 keys and 4 KiB serialized. For `sum`, `max` and `latest` metrics the metric's `fieldName` must be a number or a numeric string.",
    type: 'object',
    additionalProperties: true,
    example: { region: 'eu', bytes: 512 },
  })
  properties?: Record<string, unknown>;
}

export class UsageEventBatchInput {
  @ApiProperty({ type: [UsageEventInput], minItems: 1, maxItems: USAGE_LIMITS.maxBatchSize })
  events: UsageEventInput[];
}
