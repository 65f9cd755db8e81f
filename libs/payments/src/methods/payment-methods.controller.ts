import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import {
  AttachPaymentMethodDto,
  PaymentMethodListResponse,
  PaymentMethodResponse,
  SetupIntentResponse,
} from './payment-methods.dto';
import { PaymentMethodsService } from './payment-methods.service';

@ApiTags('payments')
@ApiBearerAuth('bearer')
@Controller('customers/:customerId')
export class PaymentMethodsController {
  constructor(private readonly methods: PaymentMethodsService) {}

  /**
   * A Stripe SetupIntent for the customer (the Stripe customer is created on first use): the front end
   * confirms it with the client secret, and the method is saved when Stripe reports it succeeded.
   */
  @Post('setup-intents')
  @HttpCode(201)
  @RequirePermission(Permission.CustomersWrite)
  createSetupIntent(
    @Principal() p: RequestPrincipal,
    @Param('customerId') customerId: string,
  ): Promise<SetupIntentResponse> {
    return this.methods.createSetupIntent(p.orgId!, customerId);
  }

  /** The customer's saved methods, the default first. */
  @Get('payment-methods')
  @RequirePermission(Permission.CustomersRead)
  async list(
    @Principal() p: RequestPrincipal,
    @Param('customerId') customerId: string,
  ): Promise<PaymentMethodListResponse> {
    return { data: await this.methods.list(p.orgId!, customerId) };
  }

  /**
   * Attaches a PaymentMethod the front end created (or a test token such as `pm_card_visa`); it becomes the
   * default when `default` is true or the customer has none. A card Stripe refuses is a 422.
   */
  @Post('payment-methods')
  @HttpCode(201)
  @RequirePermission(Permission.CustomersWrite)
  attach(
    @Principal() p: RequestPrincipal,
    @Param('customerId') customerId: string,
    @Body() body: AttachPaymentMethodDto,
  ): Promise<PaymentMethodResponse> {
    return this.methods.attach(p.orgId!, customerId, body.paymentMethodId, body.default);
  }

  /** Makes the method the default, here and at Stripe. */
  @Put('payment-methods/:id/default')
  @RequirePermission(Permission.CustomersWrite)
  setDefault(
    @Principal() p: RequestPrincipal,
    @Param('customerId') customerId: string,
    @Param('id') id: string,
  ): Promise<PaymentMethodResponse> {
    return this.methods.setDefault(p.orgId!, customerId, id);
  }

  /** Detaches the method at Stripe; it is no longer listed nor charged. */
  @Delete('payment-methods/:id')
  @HttpCode(204)
  @RequirePermission(Permission.CustomersWrite)
  detach(
    @Principal() p: RequestPrincipal,
    @Param('customerId') customerId: string,
    @Param('id') id: string,
  ): Promise<void> {
    return this.methods.detach(p.orgId!, customerId, id);
  }
}
