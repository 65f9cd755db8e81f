import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CouponApplicationsService } from '../coupon-applications.service';
import { AppliedCouponQuery, ApplyCouponDto } from '../dto/coupon.dto';
import { AppliedCouponPageResponse, AppliedCouponResponse } from '../dto/coupon.response';

@ApiTags('coupons')
@ApiBearerAuth('bearer')
@Controller('customers/:id/coupons')
export class CustomerCouponsController {
  constructor(private readonly applications: CouponApplicationsService) {}

  /**
   * 422 `coupon_expired`, `coupon_exhausted` (max redemptions reached), `coupon_currency_mismatch` (fixed
   * coupon in another currency than the customer's), `coupon_inactive`, `coupon_not_found`; 409 when the same
   * coupon is already active on the customer (or subscription).
   */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.InvoicesWrite)
  apply(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: ApplyCouponDto,
  ): Promise<AppliedCouponResponse> {
    return this.applications.apply(principal.orgId!, id, body);
  }

  /** Newest first; `status` filters. */
  @Get()
  @RequirePermission(Permission.InvoicesRead)
  list(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Query() query: AppliedCouponQuery,
  ): Promise<AppliedCouponPageResponse> {
    return this.applications.list(principal.orgId!, id, query);
  }

  /** Status `removed`: no further invoices are discounted. 409 `applied_coupon_not_active` when already over. */
  @Delete(':appliedId')
  @RequirePermission(Permission.InvoicesWrite)
  remove(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Param('appliedId') appliedId: string,
  ): Promise<AppliedCouponResponse> {
    return this.applications.remove(principal.orgId!, id, appliedId);
  }
}
