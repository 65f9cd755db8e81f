import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { SubscriptionUsageResponse } from '../dto/subscription-usage.response';
import { UsageQueryService } from '../services/usage-query.service';

/** Current usage of a subscription (the route lives in the usage domain, under the subscription's path). */
@ApiTags('usage')
@ApiBearerAuth('bearer')
@Controller('subscriptions/:id/usage')
export class SubscriptionUsageController {
  constructor(private readonly usage: UsageQueryService) {}

  /** The current period's usage per charge of the pinned plan version, priced; another org's id is a 404. */
  @Get()
  @RequirePermission(Permission.UsageRead)
  @ApiResponse({ status: 200, type: SubscriptionUsageResponse })
  get(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<SubscriptionUsageResponse> {
    return this.usage.currentUsage(principal.orgId!, id);
  }
}
