import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQuery, Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { BillingCyclesService } from './billing-cycles.service';
import { BillingCycleQuery } from './dto/billing.dto';
import {
  BillingCyclePageResponse,
  BillingCycleResponse,
  BillingRunPageResponse,
  BillingRunResponse,
} from './dto/billing.response';

@ApiTags('billing')
@ApiBearerAuth('bearer')
@Controller()
export class BillingController {
  constructor(private readonly cycles: BillingCyclesService) {}

  /** The billing points of the organisation's subscriptions; `failing=true` lists the failures. */
  @Get('billing/cycles')
  @RequirePermission(Permission.InvoicesRead)
  listCycles(
    @Principal() principal: RequestPrincipal,
    @Query() query: BillingCycleQuery,
  ): Promise<BillingCyclePageResponse> {
    return this.cycles.list(principal.orgId!, query);
  }

  @Get('billing/cycles/:id')
  @RequirePermission(Permission.InvoicesRead)
  getCycle(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<BillingCycleResponse> {
    return this.cycles.get(principal.orgId!, id);
  }

  /** Bills a failed or retrying cycle now (409 `billing_cycle_not_retryable` once it is billed). */
  @Post('billing/cycles/:id/retry')
  @HttpCode(200)
  @RequirePermission(Permission.InvoicesWrite)
  retry(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<BillingCycleResponse> {
    return this.cycles.retry(principal.orgId!, id);
  }

  /** Runs that billed this organisation, newest first, with its counts. */
  @Get('billing/runs')
  @RequirePermission(Permission.InvoicesRead)
  listRuns(
    @Principal() principal: RequestPrincipal,
    @Query() query: PageQuery,
  ): Promise<BillingRunPageResponse> {
    return this.cycles.listRuns(principal.orgId!, query);
  }

  @Get('billing/runs/:id')
  @RequirePermission(Permission.InvoicesRead)
  getRun(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<BillingRunResponse> {
    return this.cycles.getRun(principal.orgId!, id);
  }

  /** Bills the subscription's ended periods now (409 `nothing_to_bill` when none is waiting). */
  @Post('subscriptions/:id/bill-now')
  @HttpCode(200)
  @RequirePermission(Permission.InvoicesWrite)
  billNow(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
  ): Promise<BillingCycleResponse[]> {
    return this.cycles.billNow(principal.orgId!, id);
  }
}
