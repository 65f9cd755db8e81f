import { Injectable } from '@nestjs/common';
import { Page, TransactionContext, paginateById } from '@app/core';
import { InvoicesService } from '@app/invoicing';
import { Payment } from '../entities/payment.entity';
import { PaymentsError, PaymentsErrorCode } from '../payments.errors';
import { PaymentSettingsService } from '../settings/payment-settings.service';
import { plannedSteps } from './dunning-policy';
import { DunningQuery, InvoiceDunningDetailResponse, InvoiceDunningResponse } from './dunning.dto';
import { InvoiceDunning } from './invoice-dunning.entity';

const toResponse = (d: InvoiceDunning): InvoiceDunningResponse => ({
  id: d.id,
  invoiceId: d.invoiceId,
  customerId: d.customerId,
  status: d.status,
  retriesDone: d.retriesDone,
  firstFailedAt: d.firstFailedAt,
  nextAttemptAt: d.nextAttemptAt,
  lastFailureCode: d.lastFailureCode,
  lastDeclineCode: d.lastDeclineCode,
  hardDecline: d.hardDecline,
  gracePeriodEndsAt: d.gracePeriodEndsAt,
  pastDueAt: d.pastDueAt,
  finalAction: d.finalAction,
  finalActionAt: d.finalActionAt,
  createdAt: d.createdAt,
  updatedAt: d.updatedAt,
});

/** Dunning as the org sees it: per invoice with its schedule and attempts, and the list. */
@Injectable()
export class DunningReadsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly invoices: InvoicesService,
    private readonly settings: PaymentSettingsService,
  ) {}

  /** 404 `invoice_not_found` for another org's invoice, `dunning_not_found` when it never was in dunning. */
  async get(orgId: string, invoiceId: string): Promise<InvoiceDunningDetailResponse> {
    await this.invoices.get(orgId, invoiceId);
    const manager = this.tx.manager;
    const dunning = await manager.findOneBy(InvoiceDunning, { orgId, invoiceId });
    if (!dunning)
      throw new PaymentsError(
        404,
        PaymentsErrorCode.DunningNotFound,
        `Invoice ${invoiceId} has never been in dunning.`,
      );
    const attempts = await manager
      .createQueryBuilder(Payment, 'p')
      .where('p.org_id = :orgId', { orgId })
      .andWhere(
        '(p.id = ANY(:failed) OR p.id IN (SELECT a.payment_id FROM payment_allocations a WHERE a.org_id = :orgId AND a.invoice_id = :invoiceId))',
        { failed: dunning.failedPaymentIds, invoiceId },
      )
      .orderBy('p.id', 'ASC')
      .getMany();
    return {
      ...toResponse(dunning),
      schedule: plannedSteps(dunning.firstFailedAt, dunning.retryScheduleDays, dunning.retriesDone),
      plannedFinalAction: dunning.finalAction ?? (await this.settings.get(orgId)).finalAction,
      attempts: attempts.map((p) => ({
        paymentId: p.id,
        status: p.status,
        amount: p.amount,
        currency: p.currency,
        failureCode: p.failureCode,
        failureMessage: p.failureMessage,
        createdAt: p.createdAt,
      })),
    };
  }

  /** Newest first; filter by `status` and `customerId`. */
  async list(orgId: string, query: DunningQuery): Promise<Page<InvoiceDunningResponse>> {
    const qb = this.tx.manager.createQueryBuilder(InvoiceDunning, 'd').where('d.org_id = :orgId', { orgId });
    if (query.status) qb.andWhere('d.status = :status', { status: query.status });
    if (query.customerId) qb.andWhere('d.customer_id = :customerId', { customerId: query.customerId });
    const page = await paginateById(qb, query);
    return { ...page, data: page.data.map(toResponse) };
  }
}
