import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import type { UsageAlertKind } from '@app/core';
import { USAGE_ALERT_KINDS } from '../entities/usage-alert.entity';

export class AlertFilterDto {
  /** One of the metric's filter keys, e.g. `region`. */
  @IsString()
  @MaxLength(64)
  key: string;

  /** A non-empty subset of that filter's values. */
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  values: string[];
}

const THRESHOLD_DESCRIPTION =
  'Decimal string. usage_threshold: a quantity > 0; cost_threshold: whole minor units of the plan currency > 0; spike: a ratio > 1 (e.g. "1.5").';

export class CreateUsageAlertDto {
  @ApiProperty({ enum: USAGE_ALERT_KINDS })
  @IsIn(USAGE_ALERT_KINDS)
  kind: UsageAlertKind;

  /** The `code` of a billable metric priced by the subscription's plan. */
  @IsString()
  @MaxLength(64)
  metricCode: string;

  @ApiProperty({ description: THRESHOLD_DESCRIPTION, example: '1000' })
  @IsString()
  @MaxLength(64)
  threshold: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;

  @ApiPropertyOptional({
    type: [AlertFilterDto],
    description: 'Watch one filter group of the metric (default: every event of the metric).',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AlertFilterDto)
  filters?: AlertFilterDto[];
}

/** Only the threshold and the name change; kind, metric and filters are the alert's identity. */
export class UpdateUsageAlertDto {
  @ApiPropertyOptional({ description: THRESHOLD_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  threshold?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string | null;
}
