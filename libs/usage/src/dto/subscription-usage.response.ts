import { ApiProperty } from '@nestjs/swagger';

export class UsageFilterResponse {
  @ApiProperty()
  key: string;

  @ApiProperty({ type: [String] })
  values: string[];
}

export class UsageBreakdownLineResponse {
  @ApiProperty({ type: Number, nullable: true })
  tier: number | null;

  @ApiProperty({ type: String, nullable: true })
  from: string | null;

  @ApiProperty({ type: String, nullable: true })
  to: string | null;

  @ApiProperty({ description: 'Units on this line (decimal string)' })
  units: string;

  @ApiProperty({ description: 'Price per unit, major units (decimal string)' })
  unitAmount: string;

  @ApiProperty({ description: 'Flat amount, major units (decimal string)' })
  flatAmount: string;

  @ApiProperty({ description: 'units × unitAmount + flatAmount, unrounded, major units' })
  amount: string;

  @ApiProperty()
  description: string;
}

export class ChargeUsageResponse {
  @ApiProperty({ description: 'Id of the plan charge' })
  chargeId: string;

  @ApiProperty()
  billableMetricId: string;

  @ApiProperty()
  billableMetricCode: string;

  @ApiProperty({ enum: ['count', 'sum', 'max', 'unique_count', 'latest'] })
  aggregation: string;

  @ApiProperty({ type: String, nullable: true })
  fieldName: string | null;

  @ApiProperty({ type: [UsageFilterResponse], description: 'The filter group priced by this charge' })
  filters: UsageFilterResponse[];

  @ApiProperty({ enum: ['standard', 'graduated', 'volume', 'package', 'percentage'] })
  model: string;

  @ApiProperty({ description: 'Aggregated quantity so far (decimal string)' })
  quantity: string;

  @ApiProperty({ description: 'Events counted for this charge' })
  eventCount: number;

  @ApiProperty({ description: 'Price so far, integer minor units' })
  amount: number;

  @ApiProperty({ description: 'Unrounded price, major units (decimal string)' })
  exactAmount: string;

  @ApiProperty()
  currency: string;

  @ApiProperty({ description: 'exactAmount / quantity (decimal string)' })
  unitAmount: string;

  @ApiProperty({ type: [UsageBreakdownLineResponse] })
  breakdown: UsageBreakdownLineResponse[];
}

export class UsagePeriodResponse {
  @ApiProperty({ type: String, format: 'date-time' })
  start: Date;

  @ApiProperty({ type: String, format: 'date-time', description: 'Exclusive' })
  end: Date;
}

export class UsageTotalResponse {
  @ApiProperty()
  currency: string;

  @ApiProperty({ description: 'Sum of the charges, integer minor units (base fee not included)' })
  amount: number;
}

export class SubscriptionUsageResponse {
  @ApiProperty()
  subscriptionId: string;

  @ApiProperty()
  customerId: string;

  @ApiProperty()
  planId: string;

  @ApiProperty({ type: UsagePeriodResponse })
  period: UsagePeriodResponse;

  @ApiProperty({ type: [ChargeUsageResponse] })
  charges: ChargeUsageResponse[];

  @ApiProperty({ type: UsageTotalResponse })
  total: UsageTotalResponse;
}
