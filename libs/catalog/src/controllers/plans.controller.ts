import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQuery, Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CreatePlanDto, PlanVersionDto } from '../dto/plan.dto';
import { PlanPageResponse, PlanResponse } from '../dto/plan.response';
import { PlanVersionView } from '../services/plan-views';
import { PlansService } from '../services/plans.service';

export const toPlanResponse = ({ orgId: _orgId, charges, ...plan }: PlanVersionView): PlanResponse => ({
  ...plan,
  charges: charges.map(({ aggregation: _a, fieldName: _f, ...charge }) => charge),
});

@ApiTags('catalog')
@ApiBearerAuth('bearer')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  /** Creates version 1 of a plan; the code must be new (409 otherwise). */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.CatalogWrite)
  async create(@Principal() principal: RequestPrincipal, @Body() body: CreatePlanDto): Promise<PlanResponse> {
    const { code, ...definition } = body;
    return toPlanResponse(await this.plans.create(principal.orgId!, code, definition));
  }

  /** The latest version of every plan, newest plans first. */
  @Get()
  @RequirePermission(Permission.CatalogRead)
  async list(@Principal() principal: RequestPrincipal, @Query() page: PageQuery): Promise<PlanPageResponse> {
    const result = await this.plans.listLatest(principal.orgId!, page);
    return { ...result, data: result.data.map(toPlanResponse) };
  }

  /** The latest version. */
  @Get(':code')
  @RequirePermission(Permission.CatalogRead)
  async get(@Principal() principal: RequestPrincipal, @Param('code') code: string): Promise<PlanResponse> {
    return toPlanResponse(await this.plans.getLatest(principal.orgId!, code));
  }

  /**
   * Replaces the plan's definition by creating its next version (the body is the whole new definition).
   * Earlier versions stay unchanged and readable; subscriptions pinned to them are not affected.
   */
  @Put(':code')
  @HttpCode(200)
  @RequirePermission(Permission.CatalogWrite)
  async replace(
    @Principal() principal: RequestPrincipal,
    @Param('code') code: string,
    @Body() body: PlanVersionDto,
  ): Promise<PlanResponse> {
    return toPlanResponse(await this.plans.createVersion(principal.orgId!, code, body));
  }

  /** Same as PUT /v1/plans/{code}: creates the next version. */
  @Post(':code/versions')
  @HttpCode(201)
  @RequirePermission(Permission.CatalogWrite)
  async createVersion(
    @Principal() principal: RequestPrincipal,
    @Param('code') code: string,
    @Body() body: PlanVersionDto,
  ): Promise<PlanResponse> {
    return toPlanResponse(await this.plans.createVersion(principal.orgId!, code, body));
  }

  /** Every version of the plan, newest first. */
  @Get(':code/versions')
  @RequirePermission(Permission.CatalogRead)
  async versions(
    @Principal() principal: RequestPrincipal,
    @Param('code') code: string,
    @Query() page: PageQuery,
  ): Promise<PlanPageResponse> {
    const result = await this.plans.listVersions(principal.orgId!, code, page);
    return { ...result, data: result.data.map(toPlanResponse) };
  }

  @Get(':code/versions/:version')
  @RequirePermission(Permission.CatalogRead)
  async version(
    @Principal() principal: RequestPrincipal,
    @Param('code') code: string,
    @Param('version', new ParseIntPipe()) version: number,
  ): Promise<PlanResponse> {
    return toPlanResponse(await this.plans.getVersion(principal.orgId!, code, version));
  }
}
