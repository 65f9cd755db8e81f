import { Injectable } from '@nestjs/common';
import Decimal from 'decimal.js';
import { TransactionContext, fromMinorUnits } from '@app/core';
import { CreditsService } from '@app/credits';
import { LedgerAccount } from '@app/ledger';
import { Invoice } from '../entities/invoice.entity';
import { InvoiceRepository } from '../services/invoice.repository';
import { InvoicesService } from '../services/invoices.service';
import { DepositResponse } from './dto/installments.response';
import { InvoiceDeposit } from './invoice-deposit.entity';
import { InstallmentsErrorCode, depositNotFound, invalidPlan, planConflict } from './installments.errors';

const toResponse = (d: InvoiceDeposit): DepositResponse => ({
  id: d.id,
  invoiceId: d.invoiceId,
  depositInvoiceId: d.depositInvoiceId,
  percent: new Decimal(d.percent).toFixed(2),
  amount: d.amount,
  status: d.status,
});

/**
 * Deposits (docs/payments-installments-deposits.md): a percentage of a draft asked up front on a separate,
 * finalized deposit invoice; once that is paid, its line amount is deducted from the draft by a negative
 * `deposit` line, so the final invoice is reduced by exactly the deposit and revenue and tax are counted once.
 */
@Injectable()
export class InvoiceDepositsService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly invoices: InvoiceRepository,
    private readonly invoicesService: InvoicesService,
    private readonly credits: CreditsService,
  ) {}

  /**
   * Creates and finalizes the deposit invoice of a draft: one line "Deposit N % of …", N % of the draft's
   * amount after discounts and before tax, rounded half-up once. One deposit per draft (409 otherwise).
   */
  create(orgId: string, draftId: string, percent: string, now = new Date()): Promise<DepositResponse> {
    return this.tx.run(async (manager) => {
      const draft = await this.invoices.lock(manager, orgId, draftId);
      if (draft.status !== 'draft')
        throw planConflict(
          InstallmentsErrorCode.DepositNotAllowed,
          `Invoice ${draft.id} is ${draft.status}; a deposit is asked on a draft.`,
        );
      if (await manager.exists(InvoiceDeposit, { where: { orgId, invoiceId: draftId } }))
        throw planConflict(InstallmentsErrorCode.DepositExists, `Invoice ${draft.id} already has a deposit.`);
      const base = draft.subtotal - draft.discountTotal;
      const amount = new Decimal(base)
        .times(percent)
        .dividedBy(100)
        .toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
      if (amount.lte(0))
        throw invalidPlan(
          InstallmentsErrorCode.InvalidInstallments,
          'percent',
          `${percent} % of ${base} minor units is nothing to ask`,
        );
      const label = `Deposit ${new Decimal(percent).toString()} % of draft ${draft.id}`;
      const depositInvoice = await this.invoicesService.createFinalized(
        orgId,
        {
          customerId: draft.customerId,
          currency: draft.currency,
          paymentTermsDays: draft.paymentTermsDays,
          lines: [this.line(label, amount.toNumber(), draft.currency)],
        },
        now,
      );
      const deposit = manager.create(InvoiceDeposit, {
        orgId,
        invoiceId: draftId,
        depositInvoiceId: depositInvoice.id,
        percent,
        amount: amount.toNumber(),
        status: 'awaiting_payment',
      });
      await manager.insert(InvoiceDeposit, deposit);
      if (depositInvoice.status === 'paid') await this.settle(deposit, depositInvoice.number);
      return toResponse(deposit);
    });
  }

  async get(orgId: string, draftId: string): Promise<DepositResponse> {
    await this.invoices.find(this.tx.manager, orgId, draftId);
    const deposit = await this.tx.manager.findOne(InvoiceDeposit, { where: { orgId, invoiceId: draftId } });
    if (!deposit) throw depositNotFound(draftId);
    return toResponse(deposit);
  }

  /**
   * Called when an invoice became paid, in the payment's transaction: when it is a deposit invoice still
   * awaiting payment, its amount goes to the final invoice (or to the customer's credit).
   */
  async onInvoicePaid(invoice: Invoice): Promise<void> {
    const deposit = await this.tx.manager.findOne(InvoiceDeposit, {
      where: { orgId: invoice.orgId, depositInvoiceId: invoice.id, status: 'awaiting_payment' },
      lock: { mode: 'pessimistic_write' },
    });
    if (deposit) await this.settle(deposit, invoice.number);
  }

  /**
   * Deducts the paid deposit from its draft, or, when the draft was finalized or deleted meanwhile, grants it
   * to the customer as credit funded from revenue (the deposit invoice's revenue becomes a liability again).
   */
  private async settle(deposit: InvoiceDeposit, depositNumber: string | null): Promise<void> {
    const manager = this.tx.manager;
    const draft = await manager.findOne(Invoice, { where: { orgId: deposit.orgId, id: deposit.invoiceId } });
    if (draft?.status === 'draft') {
      await this.invoicesService.addLine(
        deposit.orgId,
        draft.id,
        this.line(`Deposit paid (invoice ${depositNumber})`, -deposit.amount, draft.currency),
      );
      deposit.status = 'deducted';
    } else {
      const depositInvoice = await this.invoices.find(manager, deposit.orgId, deposit.depositInvoiceId);
      await this.credits.grant(deposit.orgId, {
        customerId: depositInvoice.customerId,
        currency: depositInvoice.currency,
        amount: deposit.amount,
        type: 'purchased',
        source: 'deposit',
        sourceId: deposit.depositInvoiceId,
        description: `Deposit of invoice ${depositNumber}`,
        fundingAccount: LedgerAccount.Revenue,
      });
      deposit.status = 'credited';
    }
    await manager.save(deposit);
  }

  private line(description: string, amount: number, currency: string) {
    return {
      kind: 'deposit' as const,
      description,
      quantity: '1',
      unitAmount: fromMinorUnits(amount, currency),
      amount,
      discountable: false,
    };
  }
}
