import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQuery, Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { UsageAlertsService } from '../alerts/usage-alerts.service';
import { CreateUsageAlertDto, UpdateUsageAlertDto } from '../dto/usage-alert.dto';
import { UsageAlertPageResponse, UsageAlertResponse } from '../dto/usage-alert.response';

/** Usage alerts of a subscription; another organisation's subscription is a 404. */
@ApiTags('usage')
@ApiBearerAuth('bearer')
@Controller('subscriptions/:subscriptionId/usage-alerts')
export class UsageAlertsController {
  constructor(private readonly alerts: UsageAlertsService) {}

  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.UsageWrite)
  create(
    @Principal() principal: RequestPrincipal,
    @Param('subscriptionId') subscriptionId: string,
    @Body() body: CreateUsageAlertDto,
  ): Promise<UsageAlertResponse> {
    return this.alerts.create(principal.orgId!, subscriptionId, body);
  }

  /** Newest first. */
  @Get()
  @RequirePermission(Permission.UsageRead)
  list(
    @Principal() principal: RequestPrincipal,
    @Param('subscriptionId') subscriptionId: string,
    @Query() query: PageQuery,
  ): Promise<UsageAlertPageResponse> {
    return this.alerts.list(principal.orgId!, subscriptionId, query);
  }

  @Get(':id')
  @RequirePermission(Permission.UsageRead)
  get(
    @Principal() principal: RequestPrincipal,
    @Param('subscriptionId') subscriptionId: string,
    @Param('id') id: string,
  ): Promise<UsageAlertResponse> {
    return this.alerts.get(principal.orgId!, subscriptionId, id);
  }

  /** The threshold and the name; kind, metric and filter group are fixed (delete and create instead). */
  @Patch(':id')
  @RequirePermission(Permission.UsageWrite)
  update(
    @Principal() principal: RequestPrincipal,
    @Param('subscriptionId') subscriptionId: string,
    @Param('id') id: string,
    @Body() body: UpdateUsageAlertDto,
  ): Promise<UsageAlertResponse> {
    return this.alerts.update(principal.orgId!, subscriptionId, id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermission(Permission.UsageWrite)
  async delete(
    @Principal() principal: RequestPrincipal,
    @Param('subscriptionId') subscriptionId: string,
    @Param('id') id: string,
  ): Promise<void> {
    await this.alerts.delete(principal.orgId!, subscriptionId, id);
  }
}
