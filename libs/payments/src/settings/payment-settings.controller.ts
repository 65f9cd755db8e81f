import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { PaymentSettingsResponse, UpdatePaymentSettingsDto } from './payment-settings.dto';
import { PaymentSettingsService } from './payment-settings.service';

@ApiTags('payments')
@ApiBearerAuth('bearer')
@Controller('payments/settings')
export class PaymentSettingsController {
  constructor(private readonly settings: PaymentSettingsService) {}

  /** The dunning policy and dispute outcome (the defaults when never set). */
  @Get()
  @RequirePermission(Permission.OrgRead)
  get(@Principal() principal: RequestPrincipal): Promise<PaymentSettingsResponse> {
    return this.settings.get(principal.orgId!);
  }

  /** Changes the given settings; 422 `invalid_payment_settings` for a retry schedule or grace period out of bounds. */
  @Put()
  @RequirePermission(Permission.OrgManage)
  put(
    @Principal() principal: RequestPrincipal,
    @Body() body: UpdatePaymentSettingsDto,
  ): Promise<PaymentSettingsResponse> {
    return this.settings.update(principal.orgId!, body);
  }
}
