import { Body, Controller, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { FxConvertQuery, FxRateQuery, PostFxRatesDto, PutFxSettingsDto } from '../dto/fx.dto';
import {
  FxConversionResponse,
  FxRateListResponse,
  FxRatePageResponse,
  FxSettingsResponse,
} from '../dto/fx.response';
import { FxService } from '../fx.service';

/** FX rates for reporting in the org's reporting currency; invoices never convert. */
@ApiTags('fx')
@ApiBearerAuth('bearer')
@Controller('fx')
export class FxController {
  constructor(private readonly fx: FxService) {}

  @Get('settings')
  @RequirePermission(Permission.InvoicesRead)
  getSettings(@Principal() principal: RequestPrincipal): Promise<FxSettingsResponse> {
    return this.fx.getSettings(principal.orgId!);
  }

  @Put('settings')
  @RequirePermission(Permission.InvoicesWrite)
  putSettings(
    @Principal() principal: RequestPrincipal,
    @Body() body: PutFxSettingsDto,
  ): Promise<FxSettingsResponse> {
    return this.fx.putSettings(principal.orgId!, body.reportingCurrency);
  }

  /** One rate, or `{ rates: [...] }` (an import); upserted by (pair, effectiveDate), all or nothing. */
  @Post('rates')
  @HttpCode(201)
  @RequirePermission(Permission.InvoicesWrite)
  async upsertRates(
    @Principal() principal: RequestPrincipal,
    @Body() body: PostFxRatesDto,
  ): Promise<FxRateListResponse> {
    return { data: await this.fx.upsertRates(principal.orgId!, body) };
  }

  /** Newest first, or with `on` the rate in effect that day per pair. */
  @Get('rates')
  @RequirePermission(Permission.InvoicesRead)
  listRates(
    @Principal() principal: RequestPrincipal,
    @Query() query: FxRateQuery,
  ): Promise<FxRatePageResponse> {
    return this.fx.listRates(principal.orgId!, query);
  }

  /** What `FxService.convert` gives reports: 422 `fx_rate_missing` without a rate effective by `on`. */
  @Get('convert')
  @RequirePermission(Permission.InvoicesRead)
  convert(
    @Principal() principal: RequestPrincipal,
    @Query() query: FxConvertQuery,
  ): Promise<FxConversionResponse> {
    return this.fx.convert(principal.orgId!, {
      amount: query.amount,
      from: query.from,
      to: query.to,
      on: query.on ?? new Date(),
    });
  }
}
