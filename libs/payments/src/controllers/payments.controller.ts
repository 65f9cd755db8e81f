import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { PageQuery, Permission, RequestPrincipal, RequirePermission } from '@app/core';
import { Principal } from '@app/auth';
import { AllocatePaymentDto, PaymentQuery, RecordPaymentDto, ReversePaymentDto } from '../dto/payment.dto';
import {
  InvoicePaymentPageResponse,
  PaymentDetailResponse,
  PaymentPageResponse,
} from '../dto/payment.response';
import { OfflinePaymentsService } from '../services/offline-payments.service';
import { PaymentReadsService } from '../services/payment-reads.service';

@ApiTags('payments')
@ApiBearerAuth('bearer')
@Controller('payments')
export class PaymentsController {
  constructor(
    private readonly offline: OfflinePaymentsService,
    private readonly reads: PaymentReadsService,
  ) {}

  /**
   * Records an offline payment (wire, check, cash) and allocates it: to `allocations`, or to the customer's
   * open invoices oldest due date first. What is not allocated becomes customer credit. All or nothing.
   */
  @Post()
  @HttpCode(201)
  @RequirePermission(Permission.PaymentsWrite)
  record(@Principal() p: RequestPrincipal, @Body() body: RecordPaymentDto): Promise<PaymentDetailResponse> {
    return this.offline.record(p.orgId!, { ...body, recordedBy: p.id });
  }

  /** Newest first; filter by `customerId`, `status`, `invoiceId`. */
  @Get()
  @RequirePermission(Permission.PaymentsRead)
  list(@Principal() p: RequestPrincipal, @Query() query: PaymentQuery): Promise<PaymentPageResponse> {
    return this.reads.list(p.orgId!, query);
  }

  /** With its allocations. */
  @Get(':id')
  @RequirePermission(Permission.PaymentsRead)
  get(@Principal() p: RequestPrincipal, @Param('id') id: string): Promise<PaymentDetailResponse> {
    return this.reads.get(p.orgId!, id);
  }

  /**
   * Allocates what the payment left as customer credit to invoices, while none of that credit was used
   * (409 `payment_credit_spent` otherwise).
   */
  @Post(':id/allocate')
  @HttpCode(200)
  @RequirePermission(Permission.PaymentsWrite)
  allocate(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: AllocatePaymentDto,
  ): Promise<PaymentDetailResponse> {
    return this.offline.allocate(p.orgId!, id, body.allocations, p.id);
  }

  /** A bounced check: reopens the invoices it paid, reverses the ledger, voids the credit it became. */
  @Post(':id/reverse')
  @HttpCode(200)
  @RequirePermission(Permission.PaymentsWrite)
  reverse(
    @Principal() p: RequestPrincipal,
    @Param('id') id: string,
    @Body() body: ReversePaymentDto,
  ): Promise<PaymentDetailResponse> {
    return this.offline.reverse(p.orgId!, id, body.reason);
  }
}

@ApiTags('payments')
@ApiBearerAuth('bearer')
@Controller('invoices/:invoiceId/payments')
export class InvoicePaymentsController {
  constructor(private readonly reads: PaymentReadsService) {}

  /** The payments allocated to the invoice (reversed ones included), newest first. */
  @Get()
  @RequirePermission(Permission.PaymentsRead)
  list(
    @Principal() p: RequestPrincipal,
    @Param('invoiceId') invoiceId: string,
    @Query() query: PageQuery,
  ): Promise<InvoicePaymentPageResponse> {
    return this.reads.listForInvoice(p.orgId!, invoiceId, query);
  }
}
