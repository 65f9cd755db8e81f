import { DataSource } from 'typeorm';
import { CreditReadsService } from '@app/credits';
import { InvoiceInstallmentsService } from '@app/invoicing';
import {
  AuthTestApp,
  SignedUpUser,
  asUser,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import {
  InvoiceBody,
  createDraftInvoice,
  createFinalizedInvoice,
  finalizeInvoice,
} from '../../../../test/kit/invoicing-test-kit';
import { assertCustomerLedger } from '../../../../test/kit/ledger-test-kit';
import { InstallmentsJobs } from '../../../payments/src/installments/installments.jobs';
import { InvoiceLifecycleService } from '../services/invoice-lifecycle.service';

const DAY_MS = 86_400_000;

interface InstallmentBody {
  id: string;
  sequence: number;
  dueAt: string;
  amount: number;
  amountPaid: number;
  amountRemaining: number;
  status: string;
  overdue: boolean;
}

/** The kit's default invoice: 2 × 50.00 EUR, no tax, total 10000. */
describe('invoicing: installment plans, deposits, net terms', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let stranger: SignedUpUser;
  let db: DataSource;
  let installments: InvoiceInstallmentsService;
  let creditReads: CreditReadsService;

  const api = (user = owner) => asUser(t, user);
  const days = (n: number) => new Date(Date.now() + n * DAY_MS).toISOString();
  const plan = async (invoiceId: string): Promise<InstallmentBody[]> =>
    (await api().get(`/v1/invoices/${invoiceId}/installments`).expect(200)).body.data as InstallmentBody[];
  const invoice = async (id: string): Promise<InvoiceBody> =>
    (await api().get(`/v1/invoices/${id}`).expect(200)).body as InvoiceBody;
  const pay = (customerId: string, invoiceId: string, amount: number, currency = 'EUR') =>
    api()
      .post('/v1/payments', {
        method: 'bank_transfer',
        currency,
        customerId,
        amount,
        allocations: [{ invoiceId, amount }],
      })
      .expect(201);
  const outbox = async (jobName: string, key: string, value: string): Promise<Record<string, unknown>[]> => {
    const rows: { payload: Record<string, unknown> }[] = await db.query(
      `SELECT payload FROM outbox WHERE job_name = $1 AND payload->>$2 = $3`,
      [jobName, key, value],
    );
    return rows.map((r) => r.payload);
  };
  const threeParts = () => ({
    installments: [
      { dueAt: days(-10), amount: 3000 },
      { dueAt: days(20), amount: 3000 },
      { dueAt: days(50), amount: 4000 },
    ],
  });

  /** docs/ledger.md: balanced journals, receivables = open invoices, customer credit = the wallet. */
  const assertLedgerConsistent = (customerId: string) => assertCustomerLedger(t.app, owner.orgId, customerId);

  beforeAll(async () => {
    t = await startAuthApp();
    db = t.app.get(DataSource);
    installments = t.app.get(InvoiceInstallmentsService);
    creditReads = t.app.get(CreditReadsService);
    owner = await signUpAndLogin(t, 'installments');
    stranger = await signUpAndLogin(t, 'installments-stranger');
  });
  afterAll(() => t.stop());

  describe('plans', () => {
    it('splits an open invoice into explicit parts; the invoice is due with the last one', async () => {
      const inv = await createFinalizedInvoice(t, owner);
      const body = threeParts();
      const res = await api().post(`/v1/invoices/${inv.id}/installments`, body).expect(201);
      expect(res.body).toMatchObject({ invoiceId: inv.id, currency: 'EUR', total: 10000 });
      expect(res.body.data.map((i: InstallmentBody) => [i.sequence, i.amount, i.status])).toEqual([
        [1, 3000, 'open'],
        [2, 3000, 'open'],
        [3, 4000, 'open'],
      ]);
      expect((await invoice(inv.id)).dueAt).toBe(body.installments[2].dueAt);
      await api().post(`/v1/invoices/${inv.id}/installments`, body).expect(409);
      await asUser(t, stranger).get(`/v1/invoices/${inv.id}/installments`).expect(404);
    });

    it('splits by count exactly: 10001 over 3 in EUR, 100.001 KWD over 3', async () => {
      const eur = await createFinalizedInvoice(t, owner, {
        invoice: { lines: [{ kind: 'one_off', description: 'Odd', quantity: '1', unitAmount: '100.01' }] },
      });
      const res = await api()
        .post(`/v1/invoices/${eur.id}/installments`, { count: 3, firstDueAt: days(1), intervalDays: 30 })
        .expect(201);
      expect(res.body.data.map((i: InstallmentBody) => i.amount)).toEqual([3334, 3334, 3333]);
      expect(Date.parse(res.body.data[2].dueAt) - Date.parse(res.body.data[0].dueAt)).toBe(60 * DAY_MS);

      const kwdCustomer = await createCustomer(t, owner, { currency: 'KWD' });
      const kwd = await createFinalizedInvoice(t, owner, {
        customerId: kwdCustomer.id,
        invoice: { lines: [{ kind: 'one_off', description: 'Odd', quantity: '1', unitAmount: '100.001' }] },
      });
      const split = await api()
        .post(`/v1/invoices/${kwd.id}/installments`, { count: 3, firstDueAt: days(1), intervalDays: 7 })
        .expect(201);
      expect(split.body.data.map((i: InstallmentBody) => i.amount)).toEqual([33334, 33334, 33333]);
    });

    it('refuses parts that do not sum to what the invoice owes, unordered dates, and paid invoices', async () => {
      const inv = await createFinalizedInvoice(t, owner);
      const mismatch = await api()
        .post(`/v1/invoices/${inv.id}/installments`, {
          installments: [
            { dueAt: days(1), amount: 5000 },
            { dueAt: days(2), amount: 4999 },
          ],
        })
        .expect(422);
      expect(mismatch.body).toMatchObject({ code: 'installments_sum_mismatch' });
      const unordered = await api()
        .post(`/v1/invoices/${inv.id}/installments`, {
          installments: [
            { dueAt: '2030-01-02T00:00:00.000Z', amount: 5000 },
            { dueAt: '2030-01-02T00:00:00.000Z', amount: 5000 },
          ],
        })
        .expect(422);
      expect(unordered.body).toMatchObject({ code: 'invalid_installments' });
      expect(unordered.body.errors[0].field).toBe('installments.1.dueAt');
      await api()
        .post(`/v1/invoices/${inv.id}/installments`, { count: 3, firstDueAt: 'tomorrow', intervalDays: 0 })
        .expect(400);
      expect(await plan(inv.id)).toEqual([]);

      await pay(inv.customerId, inv.id, 100);
      const paid = await api().post(`/v1/invoices/${inv.id}/installments`, threeParts()).expect(409);
      expect(paid.body).toMatchObject({ code: 'installment_plan_not_allowed' });
    });

    it('is deleted while nothing is paid, then the invoice is due on its terms again', async () => {
      const inv = await createFinalizedInvoice(t, owner);
      await api().post(`/v1/invoices/${inv.id}/installments`, threeParts()).expect(201);
      await api().delete(`/v1/invoices/${inv.id}/installments`).expect(204);
      expect(await plan(inv.id)).toEqual([]);
      expect((await invoice(inv.id)).dueAt).toBe(inv.dueAt);
      await api().delete(`/v1/invoices/${inv.id}/installments`).expect(404);

      await api().post(`/v1/invoices/${inv.id}/installments`, threeParts()).expect(201);
      await pay(inv.customerId, inv.id, 1000);
      const refused = await api().delete(`/v1/invoices/${inv.id}/installments`).expect(409);
      expect(refused.body).toMatchObject({ code: 'installment_plan_has_payments' });
    });

    it("fits a draft's plan to what the invoice owes at finalization (credits applied)", async () => {
      const customer = await createCustomer(t, owner, { currency: 'EUR' });
      const draft = await createDraftInvoice(t, owner, customer.id);
      await api()
        .post(`/v1/invoices/${draft.id}/installments`, {
          installments: [
            { dueAt: days(10), amount: 5000 },
            { dueAt: days(40), amount: 5000 },
          ],
        })
        .expect(201);
      await api()
        .post(`/v1/customers/${customer.id}/credits`, { currency: 'EUR', amount: 1001, type: 'goodwill' })
        .expect(201);
      const finalized = await finalizeInvoice(t, owner, draft.id);
      expect(finalized.amountDue).toBe(8999);
      const parts = await plan(draft.id);
      expect(parts.map((i) => i.amount)).toEqual([4500, 4499]);
      expect(finalized.dueAt).toBe(parts[1].dueAt);
      await assertLedgerConsistent(customer.id);
    });
  });

  describe('payments over installments', () => {
    it('fills installments in sequence order; a reversal takes back from the latest paid', async () => {
      const inv = await createFinalizedInvoice(t, owner);
      await api().post(`/v1/invoices/${inv.id}/installments`, threeParts()).expect(201);

      await pay(inv.customerId, inv.id, 4500);
      expect((await plan(inv.id)).map((i) => [i.amountPaid, i.status])).toEqual([
        [3000, 'paid'],
        [1500, 'open'],
        [0, 'open'],
      ]);
      const second = await pay(inv.customerId, inv.id, 2500);
      expect((await plan(inv.id)).map((i) => [i.amountPaid, i.status])).toEqual([
        [3000, 'paid'],
        [3000, 'paid'],
        [1000, 'open'],
      ]);
      expect(await installments.collectableAmount(owner.orgId, inv.id)).toBe(0);
      const third = (await plan(inv.id))[2];
      expect(await installments.collectableAmount(owner.orgId, inv.id, third.id)).toBe(3000);

      await api().post(`/v1/payments/${second.body.id}/reverse`, { reason: 'check bounced' }).expect(200);
      expect((await plan(inv.id)).map((i) => [i.amountPaid, i.status])).toEqual([
        [3000, 'paid'],
        [1500, 'open'],
        [0, 'open'],
      ]);
      expect(await installments.collectableAmount(owner.orgId, inv.id)).toBe(0);
      expect(await installments.collectableAmount(owner.orgId, inv.id, undefined, new Date(days(30)))).toBe(
        1500,
      );

      await pay(inv.customerId, inv.id, 5500);
      expect((await plan(inv.id)).every((i) => i.status === 'paid')).toBe(true);
      expect(await invoice(inv.id)).toMatchObject({ status: 'paid', amountRemaining: 0 });
      await assertLedgerConsistent(inv.customerId);
    });

    it("collects what is due now, and 404s another invoice's installment", async () => {
      const inv = await createFinalizedInvoice(t, owner);
      const other = await createFinalizedInvoice(t, owner);
      const [first] = (await api().post(`/v1/invoices/${inv.id}/installments`, threeParts()).expect(201)).body
        .data as InstallmentBody[];
      expect(await installments.collectableAmount(owner.orgId, inv.id)).toBe(3000);
      expect(await installments.collectableAmount(owner.orgId, other.id)).toBe(10000);
      await expect(installments.collectableAmount(owner.orgId, other.id, first.id)).rejects.toMatchObject({
        status: 404,
      });
      await expect(installments.collectableAmount(owner.orgId, inv.id, 'nope')).rejects.toMatchObject({
        status: 404,
      });
    });
  });

  describe('overdue per installment', () => {
    it('flags each installment past due, and the invoice once, with invoice.overdue', async () => {
      const inv = await createFinalizedInvoice(t, owner);
      await api().post(`/v1/invoices/${inv.id}/installments`, threeParts()).expect(201);
      await installments.markOverdue();
      expect((await plan(inv.id)).map((i) => i.overdue)).toEqual([true, false, false]);
      expect(await invoice(inv.id)).toMatchObject({ overdue: true });
      expect(await outbox('invoice.overdue', 'invoiceId', inv.id)).toHaveLength(1);

      await pay(inv.customerId, inv.id, 3000);
      expect((await plan(inv.id)).map((i) => [i.status, i.overdue])).toEqual([
        ['paid', false],
        ['open', false],
        ['open', false],
      ]);
      expect(await invoice(inv.id)).toMatchObject({ overdue: false });

      await installments.markOverdue(new Date(days(30)));
      expect((await plan(inv.id)).map((i) => i.overdue)).toEqual([false, true, false]);
      expect(await invoice(inv.id)).toMatchObject({ overdue: true });
      expect(await outbox('invoice.overdue', 'invoiceId', inv.id)).toHaveLength(2);
      await installments.markOverdue(new Date(days(30)));
      expect(await outbox('invoice.overdue', 'invoiceId', inv.id)).toHaveLength(2);
    });
  });

  describe('process-due-installments', () => {
    it('enqueues one collect per due installment of charge_automatically customers, job id per day', async () => {
      const auto = await createCustomer(t, owner, { collectionMethod: 'charge_automatically' });
      const manual = await createCustomer(t, owner, { collectionMethod: 'send_invoice' });
      const autoInvoice = await createFinalizedInvoice(t, owner, { customerId: auto.id });
      const manualInvoice = await createFinalizedInvoice(t, owner, { customerId: manual.id });
      const twoDue = {
        installments: [
          { dueAt: days(-3), amount: 2000 },
          { dueAt: days(-1), amount: 3000 },
          { dueAt: days(5), amount: 5000 },
        ],
      };
      const parts = (await api().post(`/v1/invoices/${autoInvoice.id}/installments`, twoDue).expect(201)).body
        .data as InstallmentBody[];
      await api().post(`/v1/invoices/${manualInvoice.id}/installments`, twoDue).expect(201);

      await t.app.get(InstallmentsJobs).enqueueDue(new Date());
      const rows: { payload: Record<string, unknown>; options: { jobId: string } }[] = await db.query(
        `SELECT payload, options FROM outbox WHERE job_name = 'payments.collect-invoice'
         AND payload->>'trigger' = 'installment' AND payload->>'invoiceId' = ANY($1)
         ORDER BY payload->>'installmentId'`,
        [[autoInvoice.id, manualInvoice.id]],
      );
      const day = new Date().toISOString().slice(0, 10).replace(/-/g, '');
      expect(rows.map((r) => r.payload)).toEqual(
        parts.slice(0, 2).map((p) => ({
          orgId: owner.orgId,
          invoiceId: autoInvoice.id,
          trigger: 'installment',
          installmentId: p.id,
        })),
      );
      expect(rows.map((r) => r.options.jobId)).toEqual(
        parts.slice(0, 2).map((p) => `installment-${p.id}-${day}`),
      );
    });
  });

  describe('deposits', () => {
    it('asks a deposit on a draft, deducts it once paid, and the ledger stays consistent', async () => {
      const customer = await createCustomer(t, owner, { currency: 'EUR' });
      const draft = await createDraftInvoice(t, owner, customer.id, {
        lines: [{ kind: 'one_off', description: 'Build', quantity: '1', unitAmount: '1000.01' }],
      });
      const res = await api().post(`/v1/invoices/${draft.id}/deposit`, { percent: '33.33' }).expect(201);
      expect(res.body).toMatchObject({
        invoiceId: draft.id,
        percent: '33.33',
        amount: 33330,
        status: 'awaiting_payment',
      });
      await api().post(`/v1/invoices/${draft.id}/deposit`, { percent: '10' }).expect(409);
      const depositInvoice = await invoice(res.body.depositInvoiceId);
      expect(depositInvoice).toMatchObject({ status: 'open', total: 33330, customerId: customer.id });
      expect(depositInvoice.lines[0]).toMatchObject({
        kind: 'deposit',
        description: 'Deposit 33.33 % of draft ' + draft.id,
      });

      await pay(customer.id, depositInvoice.id, 33330);
      expect((await api().get(`/v1/invoices/${draft.id}/deposit`).expect(200)).body.status).toBe('deducted');
      const reduced = await invoice(draft.id);
      expect(reduced.total).toBe(100001 - 33330);
      expect(reduced.lines.find((l) => l.kind === 'deposit')).toMatchObject({ amount: -33330 });

      const final = await finalizeInvoice(t, owner, draft.id);
      expect(final).toMatchObject({ status: 'open', total: 66671, amountDue: 66671 });
      await pay(customer.id, draft.id, 66671);
      await assertLedgerConsistent(customer.id);
      const cash = await db.query(
        `SELECT coalesce(sum(amount), 0)::int AS sum FROM payments WHERE org_id = $1 AND customer_id = $2`,
        [owner.orgId, customer.id],
      );
      expect(cash[0].sum).toBe(100001);
    });

    it('refuses a bad percent, a non-draft, and deposit lines from the API', async () => {
      const inv = await createFinalizedInvoice(t, owner);
      await api().post(`/v1/invoices/${inv.id}/deposit`, { percent: '101' }).expect(400);
      await api().post(`/v1/invoices/${inv.id}/deposit`, { percent: '0.001' }).expect(400);
      const notDraft = await api().post(`/v1/invoices/${inv.id}/deposit`, { percent: '10' }).expect(409);
      expect(notDraft.body).toMatchObject({ code: 'deposit_not_allowed' });
      await api().get(`/v1/invoices/${inv.id}/deposit`).expect(404);
      const draft = await createDraftInvoice(t, owner, inv.customerId);
      await api()
        .post(`/v1/invoices/${draft.id}/lines`, {
          kind: 'deposit',
          description: 'x',
          quantity: '1',
          unitAmount: '-1',
        })
        .expect(400);
    });

    it('grants the deposit as credit when the draft was finalized before it was paid', async () => {
      const customer = await createCustomer(t, owner, { currency: 'EUR' });
      const draft = await createDraftInvoice(t, owner, customer.id);
      const res = await api().post(`/v1/invoices/${draft.id}/deposit`, { percent: '50' }).expect(201);
      await finalizeInvoice(t, owner, draft.id);
      await pay(customer.id, res.body.depositInvoiceId, 5000);
      expect((await api().get(`/v1/invoices/${draft.id}/deposit`).expect(200)).body.status).toBe('credited');
      const credits = await creditReads.balance(owner.orgId, customer.id);
      expect(credits.balances.find((b) => b.currency === 'EUR')?.available).toBe(5000);
      await assertLedgerConsistent(customer.id);
    });
  });

  describe('net terms', () => {
    it.each([15, 30, 60])(
      'net %i: due that many days after issue, overdue (invoice.overdue) after',
      async (terms) => {
        const customer = await createCustomer(t, owner, { paymentTermsDays: terms });
        const inv = await createFinalizedInvoice(t, owner, { customerId: customer.id });
        expect(Date.parse(inv.dueAt!) - Date.parse(inv.issuedAt!)).toBe(terms * DAY_MS);
        const markOverdue = (at: Date) => t.app.get(InvoiceLifecycleService).markOverdue(at);
        await markOverdue(new Date(Date.parse(inv.dueAt!) - 1000));
        expect(await invoice(inv.id)).toMatchObject({ overdue: false });
        await markOverdue(new Date(Date.parse(inv.dueAt!) + 1000));
        expect(await invoice(inv.id)).toMatchObject({ overdue: true });
        expect(await outbox('invoice.overdue', 'invoiceId', inv.id)).toHaveLength(1);
      },
    );
  });
});
