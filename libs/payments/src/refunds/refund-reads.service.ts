import { Injectable } from '@nestjs/common';
import { Page, PageQuery, TransactionContext, isUuid, paginateById } from '@app/core';
import { Payment } from '../entities/payment.entity';
import { Refund } from '../entities/refund.entity';
import { paymentNotFound } from '../payments.errors';
import { RefundQuery } from './dto/refund.dto';
import { RefundResponse, toRefundResponse } from './dto/refund.response';
import { refundNotFound } from './refunds.errors';

/** Reads of refunds; another organisation's refund or payment is a 404. */
@Injectable()
export class RefundReadsService {
  constructor(private readonly tx: TransactionContext) {}

  async get(orgId: string, id: string): Promise<RefundResponse> {
    const refund = isUuid(id) ? await this.tx.manager.findOneBy(Refund, { orgId, id }) : null;
    if (!refund) throw refundNotFound(id);
    return toRefundResponse(refund);
  }

  /** Newest first; filters combine with AND. */
  async list(orgId: string, query: RefundQuery): Promise<Page<RefundResponse>> {
    const qb = this.tx.manager.createQueryBuilder(Refund, 'r').where('r.org_id = :orgId', { orgId });
    for (const [field, column] of [
      ['paymentId', 'payment_id'],
      ['customerId', 'customer_id'],
      ['creditNoteId', 'credit_note_id'],
      ['status', 'status'],
    ] as const)
      if (query[field]) qb.andWhere(`r.${column} = :${field}`, { [field]: query[field] });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toRefundResponse) };
  }

  async listForPayment(orgId: string, paymentId: string, query: PageQuery): Promise<Page<RefundResponse>> {
    const exists = isUuid(paymentId) && (await this.tx.manager.existsBy(Payment, { orgId, id: paymentId }));
    if (!exists) throw paymentNotFound(paymentId);
    return this.list(orgId, { ...query, paymentId });
  }
}
