import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import type { UsageAlertKind } from '@app/core';
import { USAGE_ALERT_KINDS } from '../entities/usage-alert.entity';
import { UsageFilterResponse, UsagePeriodResponse } from './subscription-usage.response';

export class UsageAlertResponse {
  id: string;
  subscriptionId: string;
  customerId: string;
  billableMetricId: string;
  metricCode: string;
  @ApiProperty({ enum: USAGE_ALERT_KINDS })
  kind: UsageAlertKind;
  @ApiProperty({ type: String, nullable: true })
  name: string | null;
  /** Decimal string: a quantity, minor units, or a ratio, by kind. */
  threshold: string;
  @ApiProperty({ type: [UsageFilterResponse] })
  filters: UsageFilterResponse[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastTriggeredAt: Date | null;
  /** The billing period of the last trigger (an alert fires at most once per period). */
  @ApiProperty({ type: UsagePeriodResponse, nullable: true })
  triggeredForPeriod: UsagePeriodResponse | null;
  createdAt: Date;
  updatedAt: Date;
}

export class UsageAlertPageResponse extends PageMeta {
  @ApiProperty({ type: [UsageAlertResponse] })
  data: UsageAlertResponse[];
}
