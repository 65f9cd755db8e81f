import { ApiProperty, ApiPropertyOptional, PartialType, PickType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/core';
import { AGGREGATIONS, Aggregation } from '../entities/billable-metric.entity';
import { CodeField, DescriptionField, NameField } from './catalog-fields';

export const FILTER_KEY_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

export class MetricFilterDto {
  /** The event property, e.g. `region`. */
  @IsString()
  @Matches(FILTER_KEY_PATTERN, { message: 'key must be 1-64 letters, digits, _ . or -' })
  key: string;

  /** The values that form the priced groups, e.g. `["eu", "us"]`. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MinLength(1, { each: true })
  @MaxLength(200, { each: true })
  values: string[];
}

export class CreateBillableMetricDto {
  /** Unique per organisation: lowercase letters, digits and `_`, 1–64 characters. */
  @CodeField('api_calls')
  code: string;

  @NameField()
  name: string;

  @DescriptionField()
  description?: string | null;

  @ApiProperty({ enum: AGGREGATIONS })
  @IsIn(AGGREGATIONS)
  aggregation: Aggregation;

  /** The event property aggregated; required for every aggregation but `count`. */
  @IsOptional()
  @IsString()
  @Matches(FILTER_KEY_PATTERN, { message: 'fieldName must be 1-64 letters, digits, _ . or -' })
  fieldName?: string | null;

  @ApiPropertyOptional({ type: [MetricFilterDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MetricFilterDto)
  filters?: MetricFilterDto[];
}

/** Name and description can always change; the rest only while no plan uses the metric. */
export class UpdateBillableMetricDto extends PartialType(
  PickType(CreateBillableMetricDto, ['name', 'description', 'aggregation', 'fieldName', 'filters'] as const),
) {}

export class BillableMetricListQuery extends PageQuery {
  /** Include archived metrics (default false). */
  @ApiPropertyOptional({ default: false })
  @IsOptional()
  @Transform(({ value }) => value === true || value === 'true')
  @IsBoolean()
  includeArchived?: boolean;
}
