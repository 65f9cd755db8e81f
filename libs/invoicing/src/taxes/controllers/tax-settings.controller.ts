import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { PutChargeTaxRatesDto, PutCustomerTaxSettingsDto } from '../dto/tax-settings.dto';
import { ChargeTaxRatesResponse, CustomerTaxSettingsResponse } from '../dto/tax-rate.response';
import { TaxSettingsService } from '../tax-settings.service';

@ApiTags('taxes')
@ApiBearerAuth('bearer')
@Controller()
export class TaxSettingsController {
  constructor(private readonly settings: TaxSettingsService) {}

  /** `taxable` with the org defaults when never set. */
  @Get('customers/:id/tax-settings')
  @RequirePermission(Permission.InvoicesRead)
  getForCustomer(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
  ): Promise<CustomerTaxSettingsResponse> {
    return this.settings.getForCustomer(principal.orgId!, id);
  }

  /** Replaces the customer's treatment, rate override and legal note. */
  @Put('customers/:id/tax-settings')
  @RequirePermission(Permission.InvoicesWrite)
  putForCustomer(
    @Principal() principal: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: PutCustomerTaxSettingsDto,
  ): Promise<CustomerTaxSettingsResponse> {
    return this.settings.putForCustomer(principal.orgId!, id, body);
  }

  @Get('plan-charges/:chargeId/tax-rates')
  @RequirePermission(Permission.InvoicesRead)
  getForCharge(
    @Principal() principal: RequestPrincipal,
    @Param('chargeId') chargeId: string,
  ): Promise<ChargeTaxRatesResponse> {
    return this.settings.getForCharge(principal.orgId!, chargeId);
  }

  /** Sets (or with `taxRateIds: null` removes) the rates of lines billing this plan charge. */
  @Put('plan-charges/:chargeId/tax-rates')
  @RequirePermission(Permission.InvoicesWrite)
  putForCharge(
    @Principal() principal: RequestPrincipal,
    @Param('chargeId') chargeId: string,
    @Body() body: PutChargeTaxRatesDto,
  ): Promise<ChargeTaxRatesResponse> {
    return this.settings.putForCharge(principal.orgId!, chargeId, body);
  }
}
