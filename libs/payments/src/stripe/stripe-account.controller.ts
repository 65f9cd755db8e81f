import { Body, Controller, Delete, Get, HttpCode, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { ConnectStripeAccountDto, StripeAccountResponse } from './stripe-account.dto';
import { StripeAccountsService } from './stripe-accounts.service';

@ApiTags('payments')
@ApiBearerAuth('bearer')
@Controller('payments/stripe')
export class StripeAccountController {
  constructor(private readonly accounts: StripeAccountsService) {}

  /** Whether Stripe is connected, the key's last four characters and the webhook URL to configure. */
  @Get()
  @RequirePermission(Permission.OrgManage)
  status(@Principal() p: RequestPrincipal): Promise<StripeAccountResponse> {
    return this.accounts.status(p.orgId!);
  }

  /** Connects (or replaces) the organisation's Stripe account; the key is checked with Stripe first. */
  @Put()
  @RequirePermission(Permission.OrgManage)
  connect(
    @Principal() p: RequestPrincipal,
    @Body() body: ConnectStripeAccountDto,
  ): Promise<StripeAccountResponse> {
    return this.accounts.connect(p.orgId!, body, p.id);
  }

  @Delete()
  @HttpCode(204)
  @RequirePermission(Permission.OrgManage)
  disconnect(@Principal() p: RequestPrincipal): Promise<void> {
    return this.accounts.disconnect(p.orgId!);
  }
}
