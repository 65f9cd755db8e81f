import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { CHARGE_MODELS } from '../pricing';
import { FEE_TIMINGS, FeeTiming, PLAN_INTERVALS, PlanInterval } from '../entities/plan.entity';
import { MetricFilterDto } from './billable-metric.dto';
import { CodeField, DescriptionField, NameField } from './catalog-fields';

export class ChargeDto {
  /** Code of an active billable metric of the organisation. */
  @IsString()
  @MaxLength(64)
  billableMetricCode: string;

  @ApiProperty({ enum: CHARGE_MODELS })
  @IsString()
  model: string;

  /**
   * The model's properties (see docs/pricing.md); decimal amounts are strings in major units, e.g.
   * `{ "tiers": [{ "from": "0", "upTo": "100", "unitAmount": "0.01", "flatAmount": "0" }, …] }`.
   */
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsObject()
  properties: Record<string, unknown>;

  /** The filter group of the metric this charge prices; absent = every event of the metric. */
  @ApiPropertyOptional({ type: [MetricFilterDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => MetricFilterDto)
  filters?: MetricFilterDto[];
}

export class CreatePlanDto {
  /** Unique per organisation (shared by all versions): lowercase letters, digits and `_`. */
  @CodeField('startup')
  code: string;

  @NameField()
  name: string;

  @DescriptionField()
  description?: string | null;

  /** ISO 4217, e.g. `EUR`. */
  @ApiProperty({ example: 'EUR' })
  @IsString()
  @MaxLength(16)
  currency: string;

  @ApiProperty({ enum: PLAN_INTERVALS })
  @IsIn(PLAN_INTERVALS)
  interval: PlanInterval;

  @ApiPropertyOptional({ minimum: 1, maximum: 12, default: 1 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(12)
  intervalCount?: number;

  /** Integer minor units per period (cents for EUR). */
  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  baseFee?: number;

  @ApiPropertyOptional({ enum: FEE_TIMINGS, default: 'in_advance' })
  @IsOptional()
  @IsIn(FEE_TIMINGS)
  baseFeeTiming?: FeeTiming;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(3650)
  trialDays?: number;

  /** Integer minor units per period; the period is billed at least this much. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  minimumCommitment?: number | null;

  @ApiPropertyOptional({ type: [ChargeDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ChargeDto)
  charges?: ChargeDto[];
}

/** The whole definition of the next version (the code comes from the path). */
export class PlanVersionDto extends OmitType(CreatePlanDto, ['code'] as const) {}
