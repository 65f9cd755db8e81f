import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { PaymentAttemptResponse } from './collection.dto';
import { CollectionService } from './collection.service';

@ApiTags('payments')
@ApiBearerAuth('bearer')
@Controller('invoices/:invoiceId/pay')
export class CollectionController {
  constructor(private readonly collection: CollectionService) {}

  /**
   * Pay now: charges what is due on the open invoice with the customer's default payment method, and
   * answers with the attempt and its payment. While an attempt is in flight it is returned instead (never a
   * second charge). `requires_action` carries the client secret for 3-D Secure in the front end. 409 when
   * the invoice is not open or has nothing due, or the customer has no default method; 502 when Stripe did
   * not answer (the attempt stays pending and recovery completes it).
   */
  @Post()
  @HttpCode(200)
  @RequirePermission(Permission.PaymentsWrite)
  pay(
    @Principal() p: RequestPrincipal,
    @Param('invoiceId') invoiceId: string,
  ): Promise<PaymentAttemptResponse> {
    return this.collection.payNow(p.orgId!, invoiceId);
  }
}
