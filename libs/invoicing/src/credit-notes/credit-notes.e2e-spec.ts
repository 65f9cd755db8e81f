import { DataSource } from 'typeorm';
import { LedgerAccount, LedgerService } from '@app/ledger';
import {
  AuthTestApp,
  SignedUpUser,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { InvoiceBody, createFinalizedInvoice, lineBody } from '../../../../test/kit/invoicing-test-kit';
import { InvoicesService } from '../services/invoices.service';

const YEAR = new Date().getUTCFullYear();

describe('credit notes', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let db: DataSource;
  let ledger: LedgerService;
  let invoicesService: InvoicesService;
  let vat19: string;

  const http = (token = owner.accessToken) => ({
    get: (path: string) =>
      t
        .http()
        .get(path)
        .set(...bearer(token)),
    post: (path: string, body: object = {}) =>
      t
        .http()
        .post(path)
        .set(...bearer(token))
        .send(body),
  });
  const api = () => http();
  const balance = (orgId: string, account: LedgerAccount, customerId?: string) =>
    ledger.balanceOf(orgId, { account, currency: 'EUR', ...(customerId ? { customerId } : {}) });
  const credit = (invoiceId: string, body: object, user = owner) =>
    http(user.accessToken).post(`/v1/invoices/${invoiceId}/credit-notes`, {
      reason: 'order_change',
      ...body,
    });

  /** Seats 2 × 50.00 with 19 % VAT (net 10000, tax 1900) and Support 30.00 untaxed: total 14900. */
  const taxedInvoice = async (user = owner, taxRateId = vat19): Promise<InvoiceBody> => {
    const customer = await createCustomer(t, user, { currency: 'EUR' });
    return createFinalizedInvoice(t, user, {
      customerId: customer.id,
      invoice: {
        lines: [
          lineBody({ description: 'Seats', taxRateIds: [taxRateId] }),
          lineBody({ description: 'Support', quantity: '1', unitAmount: '30' }),
        ],
      },
    });
  };

  const assertLedgerConsistent = async (orgId: string, customerId: string) => {
    expect(await ledger.unbalancedJournals(orgId)).toEqual([]);
    expect(await balance(orgId, LedgerAccount.Receivables, customerId)).toBe(
      await invoicesService.openReceivables(orgId, customerId, 'EUR'),
    );
    const pending: { sum: string }[] = await db.query(
      `SELECT coalesce(sum(total), 0) AS sum FROM credit_notes WHERE org_id = $1 AND refund_status = 'pending'`,
      [orgId],
    );
    expect(await balance(orgId, LedgerAccount.Refunds)).toBe(Number(pending[0].sum));
  };

  beforeAll(async () => {
    t = await startAuthApp();
    db = t.app.get(DataSource);
    ledger = t.app.get(LedgerService);
    invoicesService = t.app.get(InvoicesService);
    owner = await signUpAndLogin(t, 'credit-notes');
    const rate = await api()
      .post('/v1/tax-rates', { name: 'VAT', percentage: '19', inclusive: false })
      .expect(201);
    vat19 = rate.body.id;
  });
  afterAll(() => t.stop());

  describe('reduce_amount_due', () => {
    it('credits chosen lines with proportional tax and reduces what remains, then pays the invoice at zero', async () => {
      const invoice = await taxedInvoice();
      expect(invoice).toMatchObject({ total: 14_900, taxTotal: 1_900, amountRemaining: 14_900 });
      const [seats, support] = invoice.lines;

      // 2500 net of Seats: tax 2500 / 10000 × 1900 = 475; 1000 of the untaxed Support line.
      const res = await credit(invoice.id, {
        outcome: 'reduce_amount_due',
        memo: 'Two seats unused for a week',
        lines: [
          { invoiceLineId: seats.id, amount: 2_500 },
          { invoiceLineId: support.id, amount: 1_000 },
        ],
      }).expect(201);
      expect(res.body).toMatchObject({
        invoiceId: invoice.id,
        customerId: invoice.customerId,
        currency: 'EUR',
        reason: 'order_change',
        outcome: 'reduce_amount_due',
        memo: 'Two seats unused for a week',
        subtotal: 3_500,
        taxTotal: 475,
        total: 3_975,
        refundStatus: null,
        creditGrantId: null,
      });
      expect(res.body.number).toMatch(new RegExp(`^INV-CN-${YEAR}-\\d{6}$`));
      expect(
        res.body.lines.map((l: Record<string, unknown>) => [l.invoiceLineId, l.amount, l.taxAmount, l.total]),
      ).toEqual([
        [seats.id, 2_500, 475, 2_975],
        [support.id, 1_000, 0, 1_000],
      ]);
      expect(res.body.lines[0].taxes).toEqual([
        expect.objectContaining({ taxRateId: vat19, taxableAmount: 2_500, amount: 475 }),
      ]);

      const after = await api().get(`/v1/invoices/${invoice.id}`).expect(200);
      expect(after.body).toMatchObject({
        status: 'open',
        amountDue: 14_900,
        amountRemaining: 14_900 - 3_975,
        creditedTotal: 3_975,
      });
      expect(await balance(owner.orgId, LedgerAccount.Receivables, invoice.customerId)).toBe(10_925);
      await assertLedgerConsistent(owner.orgId, invoice.customerId);

      // The rest of both lines: Seats 7500 net + 1425 tax, Support 2000 = 10925, exactly what remains.
      const rest = await credit(invoice.id, {
        outcome: 'reduce_amount_due',
        lines: [{ invoiceLineId: seats.id }, { invoiceLineId: support.id }],
      }).expect(201);
      expect(rest.body).toMatchObject({ subtotal: 9_500, taxTotal: 1_425, total: 10_925 });
      const paid = await api().get(`/v1/invoices/${invoice.id}`).expect(200);
      expect(paid.body).toMatchObject({
        status: 'paid',
        paymentState: 'paid',
        amountRemaining: 0,
        creditedTotal: 14_900,
      });
      expect(await balance(owner.orgId, LedgerAccount.Receivables, invoice.customerId)).toBe(0);
      await assertLedgerConsistent(owner.orgId, invoice.customerId);

      const journals = await api()
        .get(`/v1/ledger/journals?sourceType=credit_note&sourceId=${res.body.id}`)
        .expect(200);
      expect(journals.body.data.map((j: { kind: string }) => j.kind).sort()).toEqual([
        'credit_note_applied',
        'credit_note_issued',
      ]);

      const events: { payload: Record<string, unknown> }[] = await db.query(
        `SELECT payload FROM outbox WHERE job_name = 'credit_note.created' AND payload->>'invoiceId' = $1`,
        [invoice.id],
      );
      expect(events.map((e) => e.payload.creditNoteId).sort()).toEqual([res.body.id, rest.body.id].sort());
    });

    it('refuses reduce_amount_due beyond what remains with 422 naming outcome', async () => {
      const customer = await createCustomer(t, owner, { currency: 'EUR' });
      await api()
        .post(`/v1/customers/${customer.id}/credits`, { amount: 10_000, currency: 'EUR', type: 'goodwill' })
        .expect(201);
      const invoice = await createFinalizedInvoice(t, owner, {
        customerId: customer.id,
        invoice: { lines: [lineBody({ taxRateIds: [vat19] })] },
      });
      expect(invoice).toMatchObject({ total: 11_900, creditsApplied: 10_000, amountRemaining: 1_900 });
      // 2000 net + 380 tax = 2380 > 1900 remaining, though 11900 is creditable.
      const res = await credit(invoice.id, { outcome: 'reduce_amount_due', amount: 2_000 }).expect(422);
      expect(res.body).toMatchObject({
        code: 'credit_note_outcome_not_allowed',
        errors: [{ field: 'outcome' }],
      });
      await credit(invoice.id, { outcome: 'customer_credit', amount: 2_000 }).expect(201);
      await assertLedgerConsistent(owner.orgId, customer.id);
    });
  });

  describe('lump sum and customer credit', () => {
    it('spreads a net lump sum over the lines and grants the total as customer credit', async () => {
      const invoice = await taxedInvoice();
      // weights 10000 (Seats) and 3000 (Support): 6500 → 5000 + 1500; Seats tax 5000 × 0.19 = 950.
      const res = await credit(invoice.id, {
        outcome: 'customer_credit',
        reason: 'duplicate',
        amount: 6_500,
      }).expect(201);
      expect(res.body).toMatchObject({ subtotal: 6_500, taxTotal: 950, total: 7_450, reason: 'duplicate' });
      expect(
        res.body.lines.map((l: Record<string, unknown>) => [l.description, l.amount, l.taxAmount]),
      ).toEqual([
        ['Seats', 5_000, 950],
        ['Support', 1_500, 0],
      ]);
      expect(res.body.creditGrantId).toEqual(expect.any(String));

      const wallet = await api().get(`/v1/customers/${invoice.customerId}/credits/balance`).expect(200);
      expect(wallet.body.balances).toEqual([expect.objectContaining({ currency: 'EUR', available: 7_450 })]);
      const grant = await api().get(`/v1/credit-grants/${res.body.creditGrantId}`).expect(200);
      expect(grant.body).toMatchObject({ type: 'refund', source: 'credit_note', sourceId: res.body.id });
      expect(await balance(owner.orgId, LedgerAccount.CustomerCredit, invoice.customerId)).toBe(7_450);

      const after = await api().get(`/v1/invoices/${invoice.id}`).expect(200);
      expect(after.body).toMatchObject({ status: 'open', amountRemaining: 14_900, creditedTotal: 7_450 });
      await assertLedgerConsistent(owner.orgId, invoice.customerId);
    });
  });

  describe('refund', () => {
    it('leaves a paid refund pending in the refunds account, never more than was paid', async () => {
      const invoice = await taxedInvoice();
      await credit(invoice.id, { outcome: 'refund', amount: 100 }).expect(422);
      // The payments issue records payments; until then, a payment recorded the way it will be.
      await db.query(
        `UPDATE invoices SET amount_paid = total, amount_remaining = 0, status = 'paid', payment_state = 'paid'
         WHERE id = $1`,
        [invoice.id],
      );
      await ledger.post(owner.orgId, {
        kind: 'payment_received',
        sourceType: 'payment',
        sourceId: invoice.id,
        currency: 'EUR',
        occurredAt: new Date(),
        lines: [
          { account: LedgerAccount.CashClearing, debit: 14_900 },
          { account: LedgerAccount.Receivables, customerId: invoice.customerId, credit: 14_900 },
        ],
      });
      const refunded = await credit(invoice.id, {
        outcome: 'refund',
        reason: 'product_unsatisfactory',
        lines: [{ invoiceLineId: invoice.lines[0].id, quantity: '1' }],
      }).expect(201);
      expect(refunded.body).toMatchObject({
        subtotal: 5_000,
        taxTotal: 950,
        total: 5_950,
        refundStatus: 'pending',
      });
      const reduce = await credit(invoice.id, { outcome: 'reduce_amount_due', amount: 100 }).expect(422);
      expect(reduce.body.errors).toEqual([expect.objectContaining({ field: 'outcome' })]);
      await assertLedgerConsistent(owner.orgId, invoice.customerId);
    });
  });

  describe('creditable limits', () => {
    it('refuses more than a line holds with 422 naming the field, writing nothing', async () => {
      const invoice = await taxedInvoice();
      const count = async () => (await db.query(`SELECT count(*)::int AS n FROM credit_notes`))[0].n;
      const before = await count();
      const res = await credit(invoice.id, {
        outcome: 'customer_credit',
        lines: [{ invoiceLineId: invoice.lines[1].id, amount: 3_001 }],
      }).expect(422);
      expect(res.body).toMatchObject({
        code: 'credit_note_exceeds_creditable',
        errors: [{ field: 'lines.0.amount' }],
      });
      expect(await count()).toBe(before);
    });

    it('refuses more than the invoice total when a proration credit lowered it (422 naming lines)', async () => {
      const customer = await createCustomer(t, owner, { currency: 'EUR' });
      const invoice = await createFinalizedInvoice(t, owner, {
        customerId: customer.id,
        invoice: {
          lines: [
            lineBody({ taxRateIds: [vat19] }),
            lineBody({ kind: 'proration', description: 'Unused time', quantity: '1', unitAmount: '-50' }),
          ],
        },
      });
      expect(invoice.total).toBe(11_900 - 5_000);
      const res = await credit(invoice.id, {
        outcome: 'customer_credit',
        lines: [{ invoiceLineId: invoice.lines[0].id }],
      }).expect(422);
      expect(res.body).toMatchObject({
        code: 'credit_note_exceeds_creditable',
        errors: [{ field: 'lines' }],
      });
      await credit(invoice.id, { outcome: 'customer_credit', amount: 5_798 }).expect(201); // 5798 + 1102 = 6900
      const full = await api().get(`/v1/invoices/${invoice.id}`).expect(200);
      expect(full.body.creditedTotal).toBe(6_900);
      await credit(invoice.id, { outcome: 'customer_credit', amount: 1 }).expect(422);
    });

    it.each([
      [{ amount: 0 }, 'amount'],
      [{ amount: -100 }, 'amount'],
      [{ amount: 10.5 }, 'amount'],
    ])('refuses the amount %j with 422 invalid_amount', async (body, field) => {
      const invoice = await taxedInvoice();
      const res = await credit(invoice.id, { outcome: 'customer_credit', ...body }).expect(422);
      expect(res.body).toMatchObject({ code: 'invalid_amount', errors: [{ field }] });
    });

    it('lets at most 2 of 5 concurrent credit notes of 40 % each through', async () => {
      const customer = await createCustomer(t, owner, { currency: 'EUR' });
      const invoice = await createFinalizedInvoice(t, owner, {
        customerId: customer.id,
        invoice: { lines: [lineBody({ quantity: '1', unitAmount: '100' })] },
      });
      const results = await Promise.all(
        Array.from({ length: 5 }, () => credit(invoice.id, { outcome: 'reduce_amount_due', amount: 4_000 })),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 422, 422, 422]);
      const after = await api().get(`/v1/invoices/${invoice.id}`).expect(200);
      expect(after.body).toMatchObject({ creditedTotal: 8_000, amountRemaining: 2_000 });
      await assertLedgerConsistent(owner.orgId, customer.id);
    });
  });

  describe('numbering', () => {
    it('numbers credit notes from their own gapless sequence; a failure burns no number', async () => {
      const org = await signUpAndLogin(t, 'cn-numbers');
      const rate = await http(org.accessToken)
        .post('/v1/tax-rates', { name: 'VAT', percentage: '19', inclusive: false })
        .expect(201);
      const invoice = await taxedInvoice(org, rate.body.id);
      const first = await credit(invoice.id, { outcome: 'customer_credit', amount: 100 }, org).expect(201);
      expect(first.body.number).toBe(`INV-CN-${YEAR}-000001`);
      expect(invoice.number).toBe(`INV-${YEAR}-000001`);

      // A real failure at the end of the transaction (the outbox insert), after the number and the ledger.
      await db.query(`
        CREATE FUNCTION fail_credit_note() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.job_name = 'credit_note.created' AND NEW.payload->>'orgId' = '${org.orgId}' THEN
            RAISE EXCEPTION 'injected failure';
          END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER fail_credit_note BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION fail_credit_note();`);
      try {
        await credit(invoice.id, { outcome: 'customer_credit', amount: 200 }, org).expect(500);
      } finally {
        await db.query(`DROP TRIGGER fail_credit_note ON outbox; DROP FUNCTION fail_credit_note();`);
      }
      const after = await http(org.accessToken).get(`/v1/invoices/${invoice.id}`).expect(200);
      expect(after.body.creditedTotal).toBe(first.body.total);
      const wallet = await http(org.accessToken).get(`/v1/customers/${invoice.customerId}/credits/balance`);
      expect(wallet.body.balances).toEqual([expect.objectContaining({ available: first.body.total })]);

      const second = await credit(invoice.id, { outcome: 'customer_credit', amount: 300 }, org).expect(201);
      expect(second.body.number).toBe(`INV-CN-${YEAR}-000002`);
      await assertLedgerConsistent(org.orgId, invoice.customerId);
    });
  });

  describe('states, reads and tenancy', () => {
    it('refuses draft, void and uncollectible invoices with 409 invalid_invoice_transition', async () => {
      const customer = await createCustomer(t, owner, { currency: 'EUR' });
      const draft = await api()
        .post('/v1/invoices', { customerId: customer.id, lines: [lineBody()] })
        .expect(201);
      const voided = await createFinalizedInvoice(t, owner, { customerId: customer.id });
      await api().post(`/v1/invoices/${voided.id}/void`).expect(200);
      const bad = await createFinalizedInvoice(t, owner, { customerId: customer.id });
      await api().post(`/v1/invoices/${bad.id}/mark-uncollectible`).expect(200);
      for (const id of [draft.body.id, voided.id, bad.id]) {
        const res = await credit(id, { outcome: 'customer_credit', amount: 100 }).expect(409);
        expect(res.body.code).toBe('invalid_invoice_transition');
      }
    });

    it('keeps refusing to void an invoice with credit notes', async () => {
      const invoice = await taxedInvoice();
      await credit(invoice.id, { outcome: 'reduce_amount_due', amount: 100 }).expect(201);
      const res = await api().post(`/v1/invoices/${invoice.id}/void`).expect(409);
      expect(res.body.code).toBe('invoice_has_credit_notes');
    });

    it('lists and reads credit notes, filtered and paginated, and hides them from other orgs', async () => {
      const invoice = await taxedInvoice();
      const a = await credit(invoice.id, { outcome: 'customer_credit', amount: 100 }).expect(201);
      const b = await credit(invoice.id, { outcome: 'customer_credit', amount: 200 }).expect(201);
      await api()
        .get(`/v1/credit-notes/${a.body.id}`)
        .expect(200, JSON.parse(JSON.stringify(a.body)));

      const page1 = await api().get(`/v1/credit-notes?invoiceId=${invoice.id}&limit=1`).expect(200);
      expect(page1.body).toMatchObject({ hasMore: true, data: [{ id: b.body.id }] });
      expect(page1.body.data[0].lines).toBeUndefined();
      const page2 = await api()
        .get(`/v1/credit-notes?invoiceId=${invoice.id}&limit=1&cursor=${page1.body.nextCursor}`)
        .expect(200);
      expect(page2.body).toMatchObject({ hasMore: false, data: [{ id: a.body.id }] });
      const byCustomer = await api().get(`/v1/credit-notes?customerId=${invoice.customerId}`).expect(200);
      expect(byCustomer.body.data.map((n: { id: string }) => n.id)).toEqual([b.body.id, a.body.id]);
      const ofInvoice = await api().get(`/v1/invoices/${invoice.id}/credit-notes`).expect(200);
      expect(ofInvoice.body.data.map((n: { id: string }) => n.id)).toEqual([b.body.id, a.body.id]);

      const stranger = await signUpAndLogin(t, 'cn-stranger');
      await http(stranger.accessToken).get(`/v1/credit-notes/${a.body.id}`).expect(404);
      await http(stranger.accessToken).get(`/v1/invoices/${invoice.id}/credit-notes`).expect(404);
      const foreign = await credit(invoice.id, { outcome: 'customer_credit', amount: 1 }, stranger).expect(
        404,
      );
      expect(foreign.body.code).toBe('invoice_not_found');
      const theirs = await http(stranger.accessToken).get('/v1/credit-notes').expect(200);
      expect(theirs.body.data).toEqual([]);
      await api().get('/v1/credit-notes/not-a-uuid').expect(404);
    });

    it('keeps credit notes immutable in the database', async () => {
      const invoice = await taxedInvoice();
      const note = await credit(invoice.id, { outcome: 'customer_credit', amount: 100 }).expect(201);
      await expect(
        db.query(`UPDATE credit_notes SET total = 1 WHERE id = $1`, [note.body.id]),
      ).rejects.toThrow(/immutable/);
      await expect(
        db.query(`DELETE FROM credit_note_lines WHERE credit_note_id = $1`, [note.body.id]),
      ).rejects.toThrow(/immutable/);
    });
  });
});
