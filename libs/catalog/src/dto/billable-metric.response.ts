import { ApiProperty } from '@nestjs/swagger';
import { PageMeta } from '@app/core';
import { AGGREGATIONS, type Aggregation } from '../entities/billable-metric.entity';
import { MetricFilterDto } from './billable-metric.dto';

export class BillableMetricResponse {
  id: string;
  code: string;
  name: string;
  description: string | null;
  @ApiProperty({ enum: AGGREGATIONS })
  aggregation: Aggregation;
  fieldName: string | null;
  @ApiProperty({ type: [MetricFilterDto] })
  filters: MetricFilterDto[];
  archivedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export class BillableMetricPageResponse extends PageMeta {
  @ApiProperty({ type: [BillableMetricResponse] })
  data: BillableMetricResponse[];
}
