import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { CHARGE_MODELS, type ChargeModel } from '../pricing';
import { FEE_TIMINGS, PLAN_INTERVALS, type FeeTiming, type PlanInterval } from '../entities/plan.entity';
import { MetricFilterDto } from './billable-metric.dto';

export class ChargeResponse {
  id: string;
  billableMetricId: string;
  billableMetricCode: string;
  @ApiProperty({ enum: CHARGE_MODELS })
  model: ChargeModel;
  @ApiProperty({ type: 'object', additionalProperties: true })
  properties: Record<string, unknown>;
  @ApiProperty({ type: [MetricFilterDto] })
  filters: MetricFilterDto[];
}

export class PlanResponse {
  /** The id of THIS version (what a subscription pins). */
  id: string;
  code: string;
  version: number;
  name: string;
  description: string | null;
  currency: string;
  @ApiProperty({ enum: PLAN_INTERVALS })
  interval: PlanInterval;
  intervalCount: number;
  baseFee: number;
  @ApiProperty({ enum: FEE_TIMINGS })
  baseFeeTiming: FeeTiming;
  trialDays: number;
  minimumCommitment: number | null;
  @ApiProperty({ type: [ChargeResponse] })
  charges: ChargeResponse[];
  createdAt: Date;
}

export class PlanPageResponse extends PageMeta {
  @ApiProperty({ type: [PlanResponse] })
  data: PlanResponse[];
}
