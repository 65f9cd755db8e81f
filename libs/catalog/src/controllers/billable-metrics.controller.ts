import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import {
  BillableMetricListQuery,
  CreateBillableMetricDto,
  UpdateBillableMetricDto,
} from '../dto/billable-metric.dto';
import { BillableMetricPageResponse, BillableMetricResponse } from '../dto/billable-metric.response';
import { BillableMetric } from '../entities/billable-metric.entity';
import { BillableMetricsService } from '../services/billable-metrics.service';

const toResponse = (m: BillableMetric): BillableMetricResponse => ({
  id: m.id,
  code: m.code,
  name: m.name,
  description: m.description,
  aggregation: m.aggregation,
  fieldName: m.fieldName,
  filters: m.filters,
  archivedAt: m.archivedAt,
  createdAt: m.createdAt,
  updatedAt: m.updatedAt,
});

@ApiTags('catalog')
@ApiBearerAuth('bearer')
@Controller('billable-metrics')
export class BillableMetricsController {
  constructor(private readonly metrics: BillableMetricsService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.CatalogWrite)
  async create(
    @Principal() principal: RequestPrincipal,
    @Body() body: CreateBillableMetricDto,
  ): Promise<BillableMetricResponse> {
    return toResponse(await this.metrics.create(principal.orgId!, body));
  }

  /** Active metrics, newest first (`includeArchived=true` adds the archived ones). */
  @Get()
  @RequirePermission(Permission.CatalogRead)
  async list(
    @Principal() principal: RequestPrincipal,
    @Query() query: BillableMetricListQuery,
  ): Promise<BillableMetricPageResponse> {
    const page = await this.metrics.list(principal.orgId!, query, query.includeArchived ?? false);
    return { ...page, data: page.data.map(toResponse) };
  }

  @Get(':code')
  @RequirePermission(Permission.CatalogRead)
  async get(
    @Principal() principal: RequestPrincipal,
    @Param('code') code: string,
  ): Promise<BillableMetricResponse> {
    return toResponse(await this.metrics.get(principal.orgId!, code));
  }

  /** Name and description always; aggregation, fieldName and filters only while no plan uses the metric (409). */
  @Patch(':code')
  @RequirePermission(Permission.CatalogWrite)
  async update(
    @Principal() principal: RequestPrincipal,
    @Param('code') code: string,
    @Body() body: UpdateBillableMetricDto,
  ): Promise<BillableMetricResponse> {
    return toResponse(await this.metrics.update(principal.orgId!, code, body));
  }

  /** Hides the metric from lists and new plan versions; existing plan versions keep pricing it. */
  @Post(':code/archive')
  @HttpCode(200)
  @RequirePermission(Permission.CatalogWrite)
  async archive(
    @Principal() principal: RequestPrincipal,
    @Param('code') code: string,
  ): Promise<BillableMetricResponse> {
    return toResponse(await this.metrics.archive(principal.orgId!, code));
  }

  /** Only a metric no plan version uses; a used one is a 409 `billable_metric_in_use` (archive it). */
  @Delete(':code')
  @HttpCode(204)
  @RequirePermission(Permission.CatalogWrite)
  async delete(@Principal() principal: RequestPrincipal, @Param('code') code: string): Promise<void> {
    await this.metrics.delete(principal.orgId!, code);
  }
}
