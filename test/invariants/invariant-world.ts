import { randomBytes, randomUUID } from 'node:crypto';
import { INestApplicationContext } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppError, toAppError } from '@app/core';
import { CreditReadsService, CreditsService } from '@app/credits';
import { CustomersService } from '@app/customers';
import {
  CreateCreditNoteInput,
  CreditNotesModule,
  CreditNotesService,
  InvoiceDetailResponse,
  InvoiceStatus,
  InvoicesService,
  InvoicingModule,
} from '@app/invoicing';
// Tax rates and coupons have no service exported from @app/invoicing; the test sets them up through the
// same services their HTTP controllers use.
import { CouponApplicationsService } from '@app/invoicing/coupons/coupon-applications.service';
import { CouponDefinitionsService } from '@app/invoicing/coupons/coupon-definitions.service';
import { TaxRatesService } from '@app/invoicing/taxes/tax-rates.service';
import { LedgerReportsService, LedgerService } from '@app/ledger';
import { startCoreContext } from '../kit/core-context';
import { Currency, LineTax, Scenario, Step } from './invariant-steps';

const HOUR_MS = 3_600_000;

/** The services of the invoicing, credits and ledger domains on the test file's database. */
export class InvariantServices {
  private constructor(
    readonly context: INestApplicationContext,
    readonly customers: CustomersService,
    readonly invoices: InvoicesService,
    readonly creditNotes: CreditNotesService,
    readonly credits: CreditsService,
    readonly creditReads: CreditReadsService,
    readonly ledger: LedgerService,
    readonly reports: LedgerReportsService,
    readonly taxRates: TaxRatesService,
    readonly coupons: CouponDefinitionsService,
    readonly couponApplications: CouponApplicationsService,
    readonly db: DataSource,
  ) {}

  static async start(): Promise<InvariantServices> {
    const context = await startCoreContext([InvoicingModule, CreditNotesModule]);
    const get = <T>(type: abstract new (...args: never[]) => T): T => context.get(type, { strict: false });
    return new InvariantServices(
      context,
      get(CustomersService),
      get(InvoicesService),
      get(CreditNotesService),
      get(CreditsService),
      get(CreditReadsService),
      get(LedgerService),
      get(LedgerReportsService),
      get(TaxRatesService),
      get(CouponDefinitionsService),
      get(CouponApplicationsService),
      get(DataSource),
    );
  }

  close(): Promise<void> {
    return this.context.close();
  }
}

export interface ModelCustomer {
  id: string;
  currency: Currency;
}
export interface ModelInvoiceLine {
  id: string;
  /** What a credit note may still take from the line: its net (total − tax) less what notes credited. */
  creditableNet: number;
}
export interface ModelInvoice {
  id: string;
  customer: ModelCustomer;
  status: InvoiceStatus;
  total: number;
  amountRemaining: number;
  creditedTotal: number;
  lines: ModelInvoiceLine[];
}
export interface ModelGrant {
  id: string;
  customer: ModelCustomer;
}

/** How often each interesting outcome happened, so the suite can show its random steps reach them all. */
export const OUTCOMES = [
  'finalized',
  'taxed',
  'discounted',
  'creditsApplied',
  'paidAtFinalization',
  'voided',
  'markedUncollectible',
  'transitionRefused',
  'couponApplied',
  'creditNoteReducedAmountDue',
  'creditNoteCreditedCustomer',
  'creditNoteRefused',
  'couponRefused',
  'grantsExpired',
  'grantVoided',
] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type Tally = Record<Outcome, number>;
export const emptyTally = (): Tally => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Tally;

/** Did the service refuse with the documented error (and nothing else)? */
function expectRefusal(error: unknown, status: number, code: string): void {
  if (!(error instanceof AppError) || error.status !== status || error.code !== code) throw error;
}

/**
 * One organisation (a fresh id: none of these services needs the org row) driven by the random steps, and
 * what the test expects of it: which invoices exist in which status, which grants exist.
 */
export class InvariantWorld {
  readonly orgId = randomUUID();
  readonly customers: ModelCustomer[] = [];
  readonly invoices: ModelInvoice[] = [];
  readonly grants: ModelGrant[] = [];
  private taxRateIds: Record<Exclude<LineTax, 'none'>, string>;

  constructor(
    private readonly s: InvariantServices,
    private readonly tally: Tally,
  ) {}

  async setUp(scenario: Scenario): Promise<void> {
    for (const currency of scenario.customers) {
      const customer = await this.s.customers.create(this.orgId, {
        name: 'Invariant Ltd',
        billingEmails: [`invariants-${randomBytes(4).toString('hex')}@example.test`],
        currency,
      });
      this.customers.push({ id: customer.id, currency });
    }
    const exclusive = await this.s.taxRates.create(this.orgId, {
      name: 'VAT',
      percentage: '19',
      inclusive: false,
    });
    const inclusive = await this.s.taxRates.create(this.orgId, {
      name: 'GST incl.',
      percentage: '7.6543',
      inclusive: true,
    });
    this.taxRateIds = { exclusive: exclusive.id, inclusive: inclusive.id };
    const coupon = (input: Omit<Parameters<CouponDefinitionsService['create']>[1], 'name'>) =>
      this.s.coupons.create(this.orgId, { name: input.code, ...input });
    await coupon({ code: 'PCT12_5_FOREVER', kind: 'percent', percentOff: '12.5', duration: 'forever' });
    await coupon({
      code: 'PCT25_TWICE',
      kind: 'percent',
      percentOff: 25,
      duration: 'repeating',
      durationPeriods: 2,
      maxRedemptions: 2,
    });
    await coupon({ code: 'USD5_ONCE', kind: 'fixed', amountOff: 500, currency: 'USD', duration: 'once' });
    await coupon({ code: 'JPY500_ONCE', kind: 'fixed', amountOff: 500, currency: 'JPY', duration: 'once' });
  }

  async apply(step: Step): Promise<void> {
    switch (step.op) {
      case 'grant':
        return this.grant(step);
      case 'invoice':
        return this.invoice(step);
      case 'void':
        return this.transition(step.pick, 'void');
      case 'uncollectible':
        return this.transition(step.pick, 'uncollectible');
      case 'coupon':
        return this.applyCoupon(step);
      case 'creditNote':
        return this.creditNote(step);
      case 'expire':
        return this.expire(step.pick);
      case 'voidGrant':
        return this.voidGrant(step.pick);
    }
  }

  private customer(pick: number): ModelCustomer {
    return this.customers[pick % this.customers.length];
  }

  private pickInvoice(pick: number): ModelInvoice | undefined {
    return this.invoices[pick % Math.max(this.invoices.length, 1)];
  }

  private async grant(step: Extract<Step, { op: 'grant' }>): Promise<void> {
    const customer = this.customer(step.customer);
    const { grantId } = await this.s.credits.grant(this.orgId, {
      customerId: customer.id,
      currency: customer.currency,
      amount: step.amount,
      type: step.type,
      source: 'manual',
      priority: step.priority,
      expiresAt: step.expiry === 'none' ? null : new Date(Date.now() + HOUR_MS),
    });
    this.grants.push({ id: grantId, customer });
    if (step.expiry === 'past') await this.moveExpiryIntoThePast(grantId);
  }

  private async invoice(step: Extract<Step, { op: 'invoice' }>): Promise<void> {
    const customer = this.customer(step.customer);
    const draft = await this.s.invoices.createDraft(this.orgId, {
      customerId: customer.id,
      lines: step.lines.map((l, index) => ({
        kind: 'one_off',
        description: `Line ${index + 1}`,
        quantity: String(l.quantity),
        unitAmount: l.unitAmount,
        taxRateIds: l.tax === 'none' ? null : [this.taxRateIds[l.tax]],
      })),
    });
    const invoice = await this.s.invoices.finalize(this.orgId, draft.id);
    expect(invoice.status).toBe(invoice.amountDue === 0 ? 'paid' : 'open');
    expect(invoice.amountDue).toBe(invoice.total - invoice.creditsApplied);
    this.invoices.push({
      id: invoice.id,
      customer,
      status: invoice.status,
      total: invoice.total,
      amountRemaining: invoice.amountRemaining,
      creditedTotal: 0,
      lines: invoice.lines.map((l) => ({ id: l.id, creditableNet: l.total - l.taxAmount })),
    });
    this.count('finalized');
    if (invoice.taxTotal > 0) this.count('taxed');
    if (invoice.discountTotal > 0) this.count('discounted');
    if (invoice.creditsApplied > 0) this.count('creditsApplied');
    if (invoice.status === 'paid') this.count('paidAtFinalization');
  }

  /** open → void / uncollectible; from any other status the service must refuse with a 409. */
  private async transition(pick: number, to: 'void' | 'uncollectible'): Promise<void> {
    const invoice = this.pickInvoice(pick);
    if (!invoice) return;
    const run = () =>
      to === 'void'
        ? this.s.invoices.void(this.orgId, invoice.id)
        : this.s.invoices.markUncollectible(this.orgId, invoice.id);
    if (invoice.status !== 'open') {
      await run().then(
        () => {
          throw new Error(`${to} of a ${invoice.status} invoice succeeded`);
        },
        (error: unknown) => expectRefusal(error, 409, 'invalid_invoice_transition'),
      );
      this.count('transitionRefused');
      return;
    }
    if (to === 'void' && invoice.creditedTotal > 0) {
      await run().then(
        () => {
          throw new Error('void of an invoice with credit notes succeeded');
        },
        (error: unknown) => expectRefusal(error, 409, 'invoice_has_credit_notes'),
      );
      this.count('transitionRefused');
      return;
    }
    const result = await run();
    invoice.status = to === 'void' ? 'void' : 'uncollectible';
    if (to === 'void') invoice.amountRemaining = 0;
    this.expectInvoiceAsModelled(invoice, result);
    this.count(to === 'void' ? 'voided' : 'markedUncollectible');
  }

  /**
   * Fixed coupons in another currency, an exhausted coupon, the same coupon twice on a customer are refused
   * by design with a 409 or 422 (as the API maps them); the invariants must hold either way.
   */
  private async applyCoupon(step: Extract<Step, { op: 'coupon' }>): Promise<void> {
    const customer = this.customer(step.customer);
    try {
      await this.s.couponApplications.apply(this.orgId, customer.id, { couponCode: step.code });
      this.count('couponApplied');
    } catch (error) {
      const { status } = toAppError(error);
      if (status !== 409 && status !== 422) throw error;
      this.count('couponRefused');
    }
  }

  /**
   * Predicts the service's answer from the model: 409 unless the invoice is open or paid; 422
   * `credit_note_exceeds_creditable` when more net is asked than the lines have left; 422
   * `credit_note_outcome_not_allowed` for a refund (nothing was paid: payments are another issue) and for
   * reducing a paid invoice's amount due. Reducing an open invoice must succeed when what it still owes
   * covers everything still creditable; otherwise (credits paid part of it) it may be refused.
   */
  private async creditNote(step: Extract<Step, { op: 'creditNote' }>): Promise<void> {
    const invoice = this.pickInvoice(step.pick);
    if (!invoice) return;
    const { request, exceeds } = creditRequest(invoice, step);
    const issue = () =>
      this.s.creditNotes.create(this.orgId, invoice.id, {
        ...request,
        reason: 'other',
        outcome: step.outcome,
      });
    const refusal: [status: number, code: string] | null =
      invoice.status !== 'open' && invoice.status !== 'paid'
        ? [409, 'invalid_invoice_transition']
        : exceeds
          ? [422, 'credit_note_exceeds_creditable']
          : step.outcome === 'refund' || (step.outcome === 'reduce_amount_due' && invoice.status === 'paid')
            ? [422, 'credit_note_outcome_not_allowed']
            : null;
    const mayBeRefused =
      step.outcome === 'reduce_amount_due' && invoice.amountRemaining < invoice.total - invoice.creditedTotal;
    let note: Awaited<ReturnType<typeof issue>>;
    try {
      note = await issue();
    } catch (error) {
      if (refusal) expectRefusal(error, ...refusal);
      else if (mayBeRefused) expectRefusal(error, 422, 'credit_note_outcome_not_allowed');
      else throw error;
      this.count('creditNoteRefused');
      return;
    }
    if (refusal) throw new Error(`credit note issued where ${refusal[1]} was expected`);

    expect(note.total).toBeLessThanOrEqual(invoice.total - invoice.creditedTotal);
    for (const line of note.lines) {
      const modelLine = invoice.lines.find((l) => l.id === line.invoiceLineId)!;
      modelLine.creditableNet -= line.amount;
    }
    invoice.creditedTotal += note.total;
    if (step.outcome === 'reduce_amount_due') {
      invoice.amountRemaining -= note.total;
      if (invoice.amountRemaining === 0) invoice.status = 'paid';
      this.count('creditNoteReducedAmountDue');
    } else {
      this.grants.push({ id: note.creditGrantId!, customer: invoice.customer });
      this.count('creditNoteCreditedCustomer');
    }
    this.expectInvoiceAsModelled(invoice, await this.s.invoices.get(this.orgId, invoice.id));
  }

  private expectInvoiceAsModelled(model: ModelInvoice, actual: InvoiceDetailResponse): void {
    expect({
      status: actual.status,
      amountRemaining: actual.amountRemaining,
      creditedTotal: actual.creditedTotal,
    }).toEqual({
      status: model.status,
      amountRemaining: model.amountRemaining,
      creditedTotal: model.creditedTotal,
    });
  }

  private async expire(pick: number): Promise<void> {
    const grant = this.grants[pick % Math.max(this.grants.length, 1)];
    if (grant) await this.moveExpiryIntoThePast(grant.id);
    this.count('grantsExpired', await this.s.credits.expireDue());
  }

  private async voidGrant(pick: number): Promise<void> {
    const grant = this.grants[pick % Math.max(this.grants.length, 1)];
    if (!grant) return;
    const [row]: { status: string }[] = await this.s.db.query(
      'SELECT status FROM credit_grants WHERE org_id = $1 AND id = $2',
      [this.orgId, grant.id],
    );
    const run = this.s.credits.voidGrant(this.orgId, grant.id);
    if (row.status === 'voided')
      await run.then(
        () => {
          throw new Error('a voided grant was voided again');
        },
        (error: unknown) => expectRefusal(error, 409, 'credit_grant_voided'),
      );
    else {
      await run;
      this.count('grantVoided');
    }
  }

  private count(outcome: Outcome, times = 1): void {
    this.tally[outcome] += times;
  }

  private async moveExpiryIntoThePast(grantId: string): Promise<void> {
    await this.s.db.query(
      `UPDATE credit_grants SET expires_at = now() - interval '1 second' WHERE org_id = $1 AND id = $2`,
      [this.orgId, grantId],
    );
  }
}

/** The credit note request of a step, and whether it asks for more net than the invoice's lines have left. */
function creditRequest(
  invoice: ModelInvoice,
  step: Extract<Step, { op: 'creditNote' }>,
): { request: Pick<CreateCreditNoteInput, 'amount' | 'lines'>; exceeds: boolean } {
  const share = (net: number) => Math.max(1, Math.floor((net * step.percent) / 100));
  const line = invoice.lines[step.line % invoice.lines.length];
  switch (step.mode) {
    case 'amount': {
      const left = invoice.lines.reduce((sum, l) => sum + l.creditableNet, 0);
      const amount = share(left);
      return { request: { amount }, exceeds: amount > left };
    }
    case 'line': {
      const amount = share(line.creditableNet);
      return {
        request: { lines: [{ invoiceLineId: line.id, amount }] },
        exceeds: amount > line.creditableNet,
      };
    }
    case 'wholeLine':
      return { request: { lines: [{ invoiceLineId: line.id }] }, exceeds: line.creditableNet <= 0 };
  }
}
