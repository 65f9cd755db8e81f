import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CreateTaxRateDto, TaxRateQuery, UpdateTaxRateDto } from '../dto/tax-rate.dto';
import { TaxRatePageResponse, TaxRateResponse } from '../dto/tax-rate.response';
import { TaxRatesService } from '../tax-rates.service';

@ApiTags('taxes')
@ApiBearerAuth('bearer')
@Controller('tax-rates')
export class TaxRatesController {
  constructor(private readonly rates: TaxRatesService) {}

  /** Percentage 0..100 with at most 4 decimals and country ISO 3166-1 alpha-2, else 422 `invalid_tax_rate`. */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.InvoicesWrite)
  create(@Principal() principal: RequestPrincipal, @Body() body: CreateTaxRateDto): Promise<TaxRateResponse> {
    return this.rates.create(principal.orgId!, body);
  }

  /** Newest first; `active` filters. */
  @Get()
  @RequirePermission(Permission.InvoicesRead)
  list(@Principal() principal: RequestPrincipal, @Query() query: TaxRateQuery): Promise<TaxRatePageResponse> {
    return this.rates.list(principal.orgId!, query);
  }

  @Get(':id')
  @RequirePermission(Permission.InvoicesRead)
  get(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<TaxRateResponse> {
    return this.rates.get(principal.orgId!, id);
  }

  /** Name, country, region, description and default flag; percentage and inclusiveness are fixed. */
  @Patch(':id')
  @RequirePermission(Permission.InvoicesWrite)
  update(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: UpdateTaxRateDto,
  ): Promise<TaxRateResponse> {
    return this.rates.update(principal.orgId!, id, body);
  }

  /** The rate is no longer applied to new invoices (nor a default); past invoices keep it. */
  @Post(':id/deactivate')
  @HttpCode(200)
  @RequirePermission(Permission.InvoicesWrite)
  deactivate(@Principal() principal: RequestPrincipal, @Param('id') id: string): Promise<TaxRateResponse> {
    return this.rates.deactivate(principal.orgId!, id);
  }
}
