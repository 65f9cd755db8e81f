import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import {
  CancelSubscriptionDto,
  ChangePlanDto,
  CreateSubscriptionDto,
  SubscriptionQuery,
} from '../dto/subscription.dto';
import {
  ChangePlanResponse,
  SubscriptionPageResponse,
  SubscriptionResponse,
} from '../dto/subscription.response';
import { SubscriptionsService } from '../services/subscriptions.service';

@ApiTags('subscriptions')
@ApiBearerAuth('bearer')
@Controller('subscriptions')
export class SubscriptionsController {
  constructor(private readonly subscriptions: SubscriptionsService) {}

  /**
   * Subscribes a customer (by id or external id) to a plan (by code = latest version, or by version id).
   * The plan's currency must be the customer's (422 `currency_mismatch`).
   */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.SubscriptionsWrite)
  create(
    @Principal() principal: RequestPrincipal,
    @Body() body: CreateSubscriptionDto,
  ): Promise<SubscriptionResponse> {
    return this.subscriptions.create(principal.orgId!, body);
  }

  /** Newest first; filters combine with AND. */
  @Get()
  @RequirePermission(Permission.SubscriptionsRead)
  list(
    @Principal() principal: RequestPrincipal,
    @Query() query: SubscriptionQuery,
  ): Promise<SubscriptionPageResponse> {
    return this.subscriptions.list(principal.orgId!, query);
  }

  @Get(':id')
  @RequirePermission(Permission.SubscriptionsRead)
  get(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<SubscriptionResponse> {
    return this.subscriptions.get(principal.orgId!, id);
  }

  /** Now, or at the end of the current period (undo with `/resume` until then). */
  @Post(':id/cancel')
  @HttpCode(200)
  @RequirePermission(Permission.SubscriptionsWrite)
  cancel(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: CancelSubscriptionDto,
  ): Promise<SubscriptionResponse> {
    return this.subscriptions.cancel(principal.orgId!, id, body.atPeriodEnd);
  }

  /** Undoes a cancellation at period end that has not taken effect. */
  @Post(':id/resume')
  @HttpCode(200)
  @RequirePermission(Permission.SubscriptionsWrite)
  resume(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<SubscriptionResponse> {
    return this.subscriptions.resume(principal.orgId!, id);
  }

  @Post(':id/pause')
  @HttpCode(200)
  @RequirePermission(Permission.SubscriptionsWrite)
  pause(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<SubscriptionResponse> {
    return this.subscriptions.pause(principal.orgId!, id);
  }

  @Post(':id/unpause')
  @HttpCode(200)
  @RequirePermission(Permission.SubscriptionsWrite)
  unpause(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<SubscriptionResponse> {
    return this.subscriptions.unpause(principal.orgId!, id);
  }

  /** `now`: prorated, the lines are returned; `period_end`: stored as the pending change. */
  @Post(':id/change-plan')
  @HttpCode(200)
  @RequirePermission(Permission.SubscriptionsWrite)
  changePlan(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: ChangePlanDto,
  ): Promise<ChangePlanResponse> {
    return this.subscriptions.changePlan(principal.orgId!, id, body);
  }
}
