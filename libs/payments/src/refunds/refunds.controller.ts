import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQuery, Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { CreateRefundDto, RefundCreditNoteDto, RefundQuery } from './dto/refund.dto';
import { RefundPageResponse, RefundResponse } from './dto/refund.response';
import { RefundReadsService } from './refund-reads.service';
import { RefundsService } from './refunds.service';

@ApiTags('refunds')
@ApiBearerAuth('bearer')
@Controller('payments/:paymentId/refunds')
export class PaymentRefundsController {
  constructor(
    private readonly refunds: RefundsService,
    private readonly reads: RefundReadsService,
  ) {}

  /**
   * Refunds a succeeded payment, through Stripe or recorded offline (manual): the credit note `creditNoteId`
   * (outcome refund) of an invoice it paid, or, without one, out of what the payment left as customer
   * credit. Never above what is refundable (422 `refund_exceeds_refundable`).
   */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.PaymentsRefund)
  create(
    @Principal() p: RequestPrincipal,
    @Param('paymentId') paymentId: string,
    @Body() body: CreateRefundDto,
  ): Promise<RefundResponse> {
    return this.refunds.refund(p.orgId!, paymentId, body, p.id);
  }

  /** The payment's refunds, newest first. */
  @Get()
  @RequirePermission(Permission.PaymentsRead)
  list(
    @Principal() p: RequestPrincipal,
    @Param('paymentId') paymentId: string,
    @Query() query: PageQuery,
  ): Promise<RefundPageResponse> {
    return this.reads.listForPayment(p.orgId!, paymentId, query);
  }
}

@ApiTags('refunds')
@ApiBearerAuth('bearer')
@Controller('refunds')
export class RefundsController {
  constructor(private readonly reads: RefundReadsService) {}

  /** Newest first; filter by `paymentId`, `customerId`, `creditNoteId`, `status`. */
  @Get()
  @RequirePermission(Permission.PaymentsRead)
  list(@Principal() p: RequestPrincipal, @Query() query: RefundQuery): Promise<RefundPageResponse> {
    return this.reads.list(p.orgId!, query);
  }

  @Get(':id')
  @RequirePermission(Permission.PaymentsRead)
  get(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<RefundResponse> {
    return this.reads.get(p.orgId!, id);
  }
}

@ApiTags('refunds')
@ApiBearerAuth('bearer')
@Controller('credit-notes/:creditNoteId/refund')
export class CreditNoteRefundController {
  constructor(private readonly refunds: RefundsService) {}

  /** Pays out the credit note's refund (outcome refund) on a payment of its invoice. */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.PaymentsRefund)
  refund(
    @Principal() p: RequestPrincipal,
    @Param('creditNoteId') creditNoteId: string,
    @Body() body: RefundCreditNoteDto,
  ): Promise<RefundResponse> {
    return this.refunds.refundCreditNote(p.orgId!, creditNoteId, body, p.id);
  }
}
