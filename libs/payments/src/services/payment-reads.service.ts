import { Injectable } from '@nestjs/common';
import { Page, PageQuery, TransactionContext, isUuid, paginateById } from '@app/core';
import { InvoicesService } from '@app/invoicing';
import { PaymentQuery } from '../dto/payment.dto';
import { InvoicePaymentResponse, PaymentDetailResponse, PaymentResponse } from '../dto/payment.response';
import { PaymentAllocation } from '../entities/payment-allocation.entity';
import { Payment } from '../entities/payment.entity';
import { paymentNotFound } from '../payments.errors';
import { toAllocationResponse, toPaymentDetail, toPaymentResponse } from './payment-mapper';

/** Reads of payments; every method takes the org id first, another org's payment or invoice is a 404. */
@Injectable()
export class PaymentReadsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly invoices: InvoicesService,
  ) {}

  /** With its allocations (reversed ones included). */
  async get(orgId: string, id: string): Promise<PaymentDetailResponse> {
    const manager = this.tx.manager;
    const payment = isUuid(id) ? await manager.findOneBy(Payment, { orgId, id }) : null;
    if (!payment) throw paymentNotFound(id);
    const allocations = await manager.find(PaymentAllocation, {
      where: { orgId, paymentId: id },
      order: { id: 'ASC' },
    });
    return toPaymentDetail(payment, allocations);
  }

  /** Newest first; filters combine with AND (`invoiceId`: payments allocated to that invoice). */
  async list(orgId: string, query: PaymentQuery): Promise<Page<PaymentResponse>> {
    const qb = this.tx.manager.createQueryBuilder(Payment, 'p').where('p.org_id = :orgId', { orgId });
    if (query.customerId) qb.andWhere('p.customer_id = :customerId', { customerId: query.customerId });
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.invoiceId)
      qb.andWhere(
        'p.id IN (SELECT a.payment_id FROM payment_allocations a WHERE a.org_id = :orgId AND a.invoice_id = :invoiceId)',
        { invoiceId: query.invoiceId },
      );
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toPaymentResponse) };
  }

  /** The allocations of payments to one invoice, newest first (404 when the invoice is not the org's). */
  async listForInvoice(
    orgId: string,
    invoiceId: string,
    query: PageQuery,
  ): Promise<Page<InvoicePaymentResponse>> {
    await this.invoices.get(orgId, invoiceId);
    const qb = this.tx.manager
      .createQueryBuilder(PaymentAllocation, 'a')
      .innerJoinAndSelect('a.payment', 'p')
      .where('a.org_id = :orgId AND a.invoice_id = :invoiceId', { orgId, invoiceId });
    const page = await paginateById(qb, query);
    return {
      ...page,
      data: page.data.map((a) => ({
        ...toAllocationResponse(a),
        method: a.payment!.method,
        paymentStatus: a.payment!.status,
        reference: a.payment!.reference,
        receivedAt: a.payment!.receivedAt,
      })),
    };
  }
}
