import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CouponDefinitionsService } from '../coupon-definitions.service';
import { CouponQuery, CreateCouponDto, UpdateCouponDto } from '../dto/coupon.dto';
import { CouponPageResponse, CouponResponse } from '../dto/coupon.response';

@ApiTags('coupons')
@ApiBearerAuth('bearer')
@Controller('coupons')
export class CouponsController {
  constructor(private readonly coupons: CouponDefinitionsService) {}

  /** `percent` with `percentOff`, or `fixed` with `amountOff` + `currency`; 422 `invalid_coupon` otherwise. */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.InvoicesWrite)
  create(@Principal() principal: RequestPrincipal, @Body() body: CreateCouponDto): Promise<CouponResponse> {
    return this.coupons.create(principal.orgId!, body);
  }

  /** Newest first; `active` filters. */
  @Get()
  @RequirePermission(Permission.InvoicesRead)
  list(@Principal() principal: RequestPrincipal, @Query() query: CouponQuery): Promise<CouponPageResponse> {
    return this.coupons.list(principal.orgId!, query);
  }

  @Get(':id')
  @RequirePermission(Permission.InvoicesRead)
  get(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<CouponResponse> {
    return this.coupons.get(principal.orgId!, id);
  }

  /** Name, max redemptions and expiry; the discount itself is fixed. */
  @Patch(':id')
  @RequirePermission(Permission.InvoicesWrite)
  update(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: UpdateCouponDto,
  ): Promise<CouponResponse> {
    return this.coupons.update(principal.orgId!, id, body);
  }

  /** No new applications; existing ones keep discounting. */
  @Post(':id/archive')
  @HttpCode(200)
  @RequirePermission(Permission.InvoicesWrite)
  archive(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<CouponResponse> {
    return this.coupons.archive(principal.orgId!, id);
  }
}
