import { DataSource } from 'typeorm';
import { LedgerAccount, LedgerService } from '@app/ledger';
import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import {
  InvoiceBody,
  createDraftInvoice,
  createFinalizedInvoice,
  finalizeInvoice,
  lineBody,
} from '../../../../test/kit/invoicing-test-kit';
import { InvoiceLifecycleService } from '../services/invoice-lifecycle.service';
import { InvoicesService } from '../services/invoices.service';

const DAY = 86_400_000;
const YEAR = new Date().getUTCFullYear();

describe('invoices', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let db: DataSource;
  let ledger: LedgerService;
  let customer: { id: string };

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
    patch: (path: string, body: object) =>
      t
        .http()
        .patch(path)
        .set(...bearer(token))
        .send(body),
    put: (path: string, body: object) =>
      t
        .http()
        .put(path)
        .set(...bearer(token))
        .send(body),
    delete: (path: string) =>
      t
        .http()
        .delete(path)
        .set(...bearer(token)),
  });
  const api = () => http();
  const balance = (orgId: string, account: LedgerAccount, customerId?: string) =>
    ledger.balanceOf(orgId, { account, currency: 'EUR', ...(customerId ? { customerId } : {}) });

  beforeAll(async () => {
    t = await startAuthApp();
    db = t.app.get(DataSource);
    ledger = t.app.get(LedgerService);
    owner = await signUpAndLogin(t, 'invoicing');
    customer = await createCustomer(t, owner, { currency: 'EUR', paymentTermsDays: 14 });
  });
  afterAll(() => t.stop());

  describe('drafts', () => {
    it('creates a one-off draft with amounts rounded half-up once per line', async () => {
      const draft = await createDraftInvoice(t, owner, customer.id, {
        memo: 'March work',
        lines: [
          lineBody({ quantity: '1234.5', unitAmount: '0.0125', kind: 'usage_charge', metricCode: 'gb' }),
          lineBody({ quantity: '1', unitAmount: '0', amount: 999 }),
        ],
      });
      expect(draft).toMatchObject({
        customerId: customer.id,
        currency: 'EUR',
        status: 'draft',
        paymentState: 'unpaid',
        number: null,
        issuedAt: null,
        memo: 'March work',
        subtotal: 1543 + 999,
        total: 1543 + 999,
        amountDue: 1543 + 999,
        creditsApplied: 0,
      });
      expect(draft.lines.map((l) => [l.position, l.kind, l.amount, l.total])).toEqual([
        [1, 'usage_charge', 1543, 1543],
        [2, 'one_off', 999, 999],
      ]);
      await api().get(`/v1/invoices/${draft.id}`).expect(200, draft);
    });

    it('edits lines, memo and terms while draft, and deletes the draft', async () => {
      const draft = await createDraftInvoice(t, owner, customer.id);
      const added = await api()
        .post(`/v1/invoices/${draft.id}/lines`, lineBody({ quantity: '3', unitAmount: '10' }))
        .expect(201);
      expect(added.body.total).toBe(10_000 + 3_000);
      const lineId = added.body.lines[1].id as string;
      const updated = await api()
        .patch(`/v1/invoices/${draft.id}/lines/${lineId}`, { quantity: '4', description: 'Support' })
        .expect(200);
      expect(updated.body.lines[1]).toMatchObject({ quantity: '4', amount: 4_000, description: 'Support' });
      expect(updated.body.total).toBe(14_000);
      const removed = await api().delete(`/v1/invoices/${draft.id}/lines/${draft.lines[0].id}`).expect(200);
      expect(removed.body).toMatchObject({ total: 4_000, subtotal: 4_000 });
      expect(removed.body.lines).toHaveLength(1);
      const patched = await api()
        .patch(`/v1/invoices/${draft.id}`, { memo: 'x', paymentTermsDays: 30 })
        .expect(200);
      expect(patched.body).toMatchObject({ memo: 'x', paymentTermsDays: 30 });
      await api().delete(`/v1/invoices/${draft.id}`).expect(204);
      await api().get(`/v1/invoices/${draft.id}`).expect(404);
    });

    it('refuses another currency than the customer’s with 422 currency_mismatch', async () => {
      const res = await api()
        .post('/v1/invoices', { customerId: customer.id, currency: 'USD', lines: [lineBody()] })
        .expect(422);
      expect(res.body).toMatchObject({ code: 'currency_mismatch', errors: [{ field: 'currency' }] });
    });

    it.each([
      [{ amount: -100 }, 'lines.0.amount'],
      [{ amount: 10.5 }, 'lines.0.amount'],
      [{ unitAmount: '-5' }, 'lines.0.unitAmount'],
      [{ quantity: 'abc' }, 'lines.0.quantity'],
    ])('refuses the line %j with a 422 naming %s, writing nothing', async (override, field) => {
      const before = await db.query(`SELECT count(*)::int AS n FROM invoices`);
      const res = await api()
        .post('/v1/invoices', { customerId: customer.id, lines: [lineBody(override)] })
        .expect(422);
      expect(res.body).toMatchObject({ code: 'invalid_amount', errors: [{ field }] });
      expect(await db.query(`SELECT count(*)::int AS n FROM invoices`)).toEqual(before);
    });

    it('allows negative proration credits', async () => {
      const draft = await createDraftInvoice(t, owner, customer.id, {
        lines: [lineBody(), lineBody({ kind: 'proration', quantity: '1', unitAmount: '-25.5' })],
      });
      expect(draft.total).toBe(10_000 - 2_550);
    });

    it('keeps exactly one invoice per subscription and billing boundary', async () => {
      const invoices = t.app.get(InvoicesService);
      const input = {
        customerId: customer.id,
        subscriptionId: '0190a7a0-0000-7000-8000-00000000abcd',
        billingBoundary: new Date('2031-02-01T00:00:00Z'),
        lines: [{ kind: 'subscription_fee' as const, description: 'Pro', quantity: '1', unitAmount: '49' }],
      };
      const first = await invoices.createDraft(owner.orgId, input);
      expect(first).toMatchObject({ subscriptionId: input.subscriptionId, total: 4_900 });
      await expect(invoices.createDraft(owner.orgId, input)).rejects.toThrow(
        /invoices_subscription_boundary_key/,
      );
      const next = await invoices.createDraft(owner.orgId, {
        ...input,
        billingBoundary: new Date('2031-03-01T00:00:00Z'),
      });
      expect(next.id).not.toBe(first.id);
    });

    it('refuses an unknown customer with a 422 naming the field', async () => {
      const res = await api()
        .post('/v1/invoices', { customerId: '0190a7a0-0000-7000-8000-000000000000', lines: [] })
        .expect(422);
      expect(res.body).toMatchObject({ code: 'customer_not_found', errors: [{ field: 'customerId' }] });
    });
  });

  describe('finalization', () => {
    it('numbers, dates, snapshots and freezes the invoice, and posts the ledger', async () => {
      const fresh = await signUpAndLogin(t, 'inv-first');
      const c = await createCustomer(t, fresh, { currency: 'EUR', paymentTermsDays: 14, name: 'Snap Co' });
      const draft = await createDraftInvoice(t, fresh, c.id);
      const before = Date.now();
      const invoice = await finalizeInvoice(t, fresh, draft.id);
      expect(invoice).toMatchObject({
        status: 'open',
        paymentState: 'unpaid',
        number: `INV-${YEAR}-000001`,
        total: 10_000,
        amountDue: 10_000,
        amountRemaining: 10_000,
        paymentTermsDays: 14,
        customerSnapshot: { name: 'Snap Co', billingEmails: c.billingEmails },
      });
      const issued = new Date(invoice.issuedAt!).getTime();
      expect(issued).toBeGreaterThanOrEqual(before - 1000);
      expect(new Date(invoice.dueAt!).getTime() - issued).toBe(14 * DAY);
      expect(await balance(fresh.orgId, LedgerAccount.Receivables, c.id)).toBe(10_000);
      expect(await balance(fresh.orgId, LedgerAccount.Revenue)).toBe(10_000);
      expect(await t.app.get(InvoicesService).openReceivables(fresh.orgId, c.id, 'EUR')).toBe(10_000);
      const customerNow = await http(fresh.accessToken).get(`/v1/customers/${c.id}`).expect(200);
      expect(customerNow.body.firstInvoicedAt).not.toBeNull();
      await http(fresh.accessToken).delete(`/v1/customers/${c.id}`).expect(409);
      const outbox = await db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'invoice.finalized' AND payload->>'invoiceId' = $1`,
        [invoice.id],
      );
      expect(outbox[0].n).toBe(1);
    });

    it('refuses an empty draft (422) and a second finalization (409), burning no number', async () => {
      const empty = await createDraftInvoice(t, owner, customer.id, { lines: [] });
      const res = await api().post(`/v1/invoices/${empty.id}/finalize`).expect(422);
      expect(res.body.code).toBe('invoice_empty');
      const done = await createFinalizedInvoice(t, owner, { customerId: customer.id });
      const again = await api().post(`/v1/invoices/${done.id}/finalize`).expect(409);
      expect(again.body.code).toBe('invalid_invoice_transition');
      const next = await createFinalizedInvoice(t, owner, { customerId: customer.id });
      const seq = (n: string | null) => Number(n!.split('-').pop());
      expect(seq(next.number)).toBe(seq(done.number) + 1);
    });

    it('prices taxes through the tax rules, posts them, and re-resolves them at finalization', async () => {
      const org = await signUpAndLogin(t, 'inv-tax');
      const c = await createCustomer(t, org, { currency: 'EUR' });
      const rate = await http(org.accessToken)
        .post('/v1/tax-rates', { name: 'VAT', percentage: '19', inclusive: false })
        .expect(201);
      const gone = await http(org.accessToken)
        .post('/v1/tax-rates', { name: 'Old VAT', percentage: '16', inclusive: false })
        .expect(201);
      const taxed = await createDraftInvoice(t, org, c.id, {
        lines: [lineBody({ taxRateIds: [rate.body.id] })],
      });
      expect(taxed).toMatchObject({ subtotal: 10_000, taxTotal: 1_900, total: 11_900 });
      expect(taxed.lines[0]).toMatchObject({ taxAmount: 1_900, total: 11_900 });
      const doomed = await createDraftInvoice(t, org, c.id, {
        lines: [lineBody({ taxRateIds: [gone.body.id] })],
      });
      await http(org.accessToken).post(`/v1/tax-rates/${gone.body.id}/deactivate`).expect(200);
      const refused = await http(org.accessToken).post(`/v1/invoices/${doomed.id}/finalize`).expect(422);
      expect(refused.body.code).toBe('invalid_tax_rate');

      const invoice = await finalizeInvoice(t, org, taxed.id);
      expect(invoice).toMatchObject({ number: `INV-${YEAR}-000001`, total: 11_900, amountDue: 11_900 });
      expect(invoice.taxBreakdown).toEqual([
        expect.objectContaining({ taxRateId: rate.body.id, amount: 1_900 }),
      ]);
      expect(await balance(org.orgId, LedgerAccount.TaxPayable)).toBe(1_900);
      expect(await balance(org.orgId, LedgerAccount.Receivables, c.id)).toBe(11_900);
    });

    it('assigns 20 concurrent finalizations the numbers 1..20, without gaps or duplicates', async () => {
      const org = await signUpAndLogin(t, 'inv-race');
      const c = await createCustomer(t, org, { currency: 'EUR' });
      const drafts: InvoiceBody[] = [];
      for (let i = 0; i < 20; i++) drafts.push(await createDraftInvoice(t, org, c.id));
      const results = await Promise.all(
        drafts.map((d) => http(org.accessToken).post(`/v1/invoices/${d.id}/finalize`)),
      );
      expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
      const numbers = results.map((r) => r.body.number as string).sort();
      expect(numbers).toEqual(
        Array.from({ length: 20 }, (_, i) => `INV-${YEAR}-${String(i + 1).padStart(6, '0')}`),
      );
      expect(await balance(org.orgId, LedgerAccount.Receivables, c.id)).toBe(20 * 10_000);
    });

    it('burns no number when finalization fails after taking one', async () => {
      const org = await signUpAndLogin(t, 'inv-fail');
      const c = await createCustomer(t, org, { currency: 'EUR' });
      const first = await createFinalizedInvoice(t, org, { customerId: c.id });
      const doomed = await createDraftInvoice(t, org, c.id);
      // A real failure at the very end of the transaction (the outbox insert of the event), after the
      // number, the ledger and the credits: everything must roll back.
      await db.query(`
        CREATE FUNCTION fail_doomed_invoice() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NEW.payload->>'invoiceId' = '${doomed.id}' THEN RAISE EXCEPTION 'injected failure'; END IF;
          RETURN NEW;
        END $$;
        CREATE TRIGGER fail_doomed_invoice BEFORE INSERT ON outbox
          FOR EACH ROW EXECUTE FUNCTION fail_doomed_invoice();`);
      try {
        await http(org.accessToken).post(`/v1/invoices/${doomed.id}/finalize`).expect(500);
      } finally {
        await db.query(`DROP TRIGGER fail_doomed_invoice ON outbox; DROP FUNCTION fail_doomed_invoice();`);
      }
      const still = await http(org.accessToken).get(`/v1/invoices/${doomed.id}`).expect(200);
      expect(still.body).toMatchObject({ status: 'draft', number: null });
      expect(await balance(org.orgId, LedgerAccount.Receivables, c.id)).toBe(10_000);
      const retried = await finalizeInvoice(t, org, doomed.id);
      expect(first.number).toBe(`INV-${YEAR}-000001`);
      expect(retried.number).toBe(`INV-${YEAR}-000002`);
    });
  });

  describe('immutability', () => {
    let invoice: InvoiceBody;
    beforeAll(async () => {
      invoice = await createFinalizedInvoice(t, owner, { customerId: customer.id });
    });

    it.each([
      ['PATCH the invoice', () => api().patch(`/v1/invoices/${invoice.id}`, { memo: 'late' })],
      ['add a line', () => api().post(`/v1/invoices/${invoice.id}/lines`, lineBody())],
      [
        'update a line',
        () => api().patch(`/v1/invoices/${invoice.id}/lines/${invoice.lines[0].id}`, { quantity: '9' }),
      ],
      ['remove a line', () => api().delete(`/v1/invoices/${invoice.id}/lines/${invoice.lines[0].id}`)],
      ['delete the invoice', () => api().delete(`/v1/invoices/${invoice.id}`)],
    ])('refuses to %s with 409 invoice_not_draft', async (_, request) => {
      const res = await request().expect(409);
      expect(res.body.code).toBe('invoice_not_draft');
    });

    it.each([
      [`UPDATE invoices SET total = total + 1, amount_due = amount_due + 1 WHERE id = $1`],
      [`UPDATE invoices SET number = 'X-1' WHERE id = $1`],
      [`UPDATE invoices SET status = 'draft', number = NULL, issued_at = NULL WHERE id = $1`],
      [`DELETE FROM invoices WHERE id = $1`],
      [`UPDATE invoice_lines SET amount = amount + 1 WHERE invoice_id = $1`],
      [`DELETE FROM invoice_lines WHERE invoice_id = $1`],
      [
        `INSERT INTO invoice_lines (id, org_id, invoice_id, position, kind, description, quantity, unit_amount, amount)
         SELECT gen_random_uuid(), org_id, id, 9, 'one_off', 'sneaky', 1, 1, 100 FROM invoices WHERE id = $1`,
      ],
    ])('the database refuses: %s', async (sql) => {
      await expect(db.query(sql, [invoice.id])).rejects.toThrow(/cannot (change|be deleted)/);
      const now = await api().get(`/v1/invoices/${invoice.id}`).expect(200);
      expect(now.body).toMatchObject({ total: invoice.total, number: invoice.number, status: 'open' });
      expect(now.body.lines).toEqual(invoice.lines);
    });

    it('lets payment and overdue fields change', async () => {
      await db.query(`UPDATE invoices SET sent_at = now(), overdue = false WHERE id = $1`, [invoice.id]);
    });
  });

  describe('transitions', () => {
    it('voids an open invoice: restores its credits and reverses the ledger', async () => {
      const c = await createCustomer(t, owner, { currency: 'EUR' });
      await api()
        .post(`/v1/customers/${c.id}/credits`, { amount: 3_000, currency: 'EUR', type: 'promotional' })
        .expect(201);
      const invoice = await createFinalizedInvoice(t, owner, { customerId: c.id });
      expect(invoice).toMatchObject({
        total: 10_000,
        creditsApplied: 3_000,
        amountDue: 7_000,
        status: 'open',
      });
      expect(await balance(owner.orgId, LedgerAccount.CustomerCredit, c.id)).toBe(0);
      expect(await balance(owner.orgId, LedgerAccount.Receivables, c.id)).toBe(7_000);

      const voided = await api().post(`/v1/invoices/${invoice.id}/void`).expect(200);
      expect(voided.body).toMatchObject({ status: 'void', amountRemaining: 0 });
      expect(voided.body.voidedAt).not.toBeNull();
      expect(await balance(owner.orgId, LedgerAccount.CustomerCredit, c.id)).toBe(3_000);
      expect(await balance(owner.orgId, LedgerAccount.Receivables, c.id)).toBe(0);
      expect(await t.app.get(InvoicesService).openReceivables(owner.orgId, c.id, 'EUR')).toBe(0);
      expect(await ledger.unbalancedJournals(owner.orgId)).toEqual([]);
    });

    it('marks a fully credited invoice paid at finalization', async () => {
      const c = await createCustomer(t, owner, { currency: 'EUR' });
      await api()
        .post(`/v1/customers/${c.id}/credits`, { amount: 50_000, currency: 'EUR', type: 'purchased' })
        .expect(201);
      const invoice = await createFinalizedInvoice(t, owner, { customerId: c.id });
      expect(invoice).toMatchObject({
        status: 'paid',
        paymentState: 'paid',
        amountDue: 0,
        creditsApplied: 10_000,
      });
      const res = await api().post(`/v1/invoices/${invoice.id}/void`).expect(409);
      expect(res.body.code).toBe('invalid_invoice_transition');
    });

    it('marks an open invoice uncollectible, writing off what remains', async () => {
      const c = await createCustomer(t, owner, { currency: 'EUR' });
      const writeOffsBefore = await balance(owner.orgId, LedgerAccount.WriteOffs);
      const invoice = await createFinalizedInvoice(t, owner, { customerId: c.id });
      const res = await api().post(`/v1/invoices/${invoice.id}/mark-uncollectible`).expect(200);
      expect(res.body.status).toBe('uncollectible');
      expect(await balance(owner.orgId, LedgerAccount.WriteOffs)).toBe(writeOffsBefore + 10_000);
      expect(await balance(owner.orgId, LedgerAccount.Receivables, c.id)).toBe(0);
      const again = await api().post(`/v1/invoices/${invoice.id}/void`).expect(409);
      expect(again.body.code).toBe('invalid_invoice_transition');
    });

    it('refuses to void an invoice with payments (409 invoice_has_payments)', async () => {
      const invoice = await createFinalizedInvoice(t, owner, { customerId: customer.id });
      await db.query(
        `UPDATE invoices SET amount_paid = 100, amount_remaining = amount_remaining - 100,
         payment_state = 'partially_paid' WHERE id = $1`,
        [invoice.id],
      );
      const res = await api().post(`/v1/invoices/${invoice.id}/void`).expect(409);
      expect(res.body.code).toBe('invoice_has_payments');
    });

    it.each([
      ['finalize', 'void'],
      ['void', 'draft'],
      ['mark-uncollectible', 'draft'],
      ['send', 'draft'],
      ['void', 'void'],
    ])('refuses to %s a %s invoice with 409 invalid_invoice_transition', async (action, state) => {
      const draft = await createDraftInvoice(t, owner, customer.id);
      if (state === 'void') {
        await finalizeInvoice(t, owner, draft.id);
        await api().post(`/v1/invoices/${draft.id}/void`).expect(200);
      }
      const res = await api().post(`/v1/invoices/${draft.id}/${action}`).expect(409);
      expect(res.body.code).toBe('invalid_invoice_transition');
    });

    it('records a send request and enqueues the event', async () => {
      const invoice = await createFinalizedInvoice(t, owner, { customerId: customer.id });
      const res = await api().post(`/v1/invoices/${invoice.id}/send`).expect(202);
      expect(res.body.sentAt).not.toBeNull();
      const rows = await db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'invoice.send_requested' AND payload->>'invoiceId' = $1`,
        [invoice.id],
      );
      expect(rows[0].n).toBe(1);
    });
  });

  describe('overdue job', () => {
    it('flags an open invoice past its due date once, with one event', async () => {
      const invoice = await createFinalizedInvoice(t, owner, { customerId: customer.id });
      await db.query(`UPDATE invoices SET due_at = now() - interval '1 day' WHERE id = $1`, [invoice.id]);
      const lifecycle = t.app.get(InvoiceLifecycleService);
      expect(await lifecycle.markOverdue()).toBeGreaterThanOrEqual(1);
      expect(await lifecycle.markOverdue()).toBe(0);
      const res = await api().get(`/v1/invoices/${invoice.id}`).expect(200);
      expect(res.body.overdue).toBe(true);
      expect(res.body.overdueAt).not.toBeNull();
      const rows = await db.query(
        `SELECT count(*)::int AS n FROM outbox WHERE job_name = 'invoice.overdue' AND payload->>'invoiceId' = $1`,
        [invoice.id],
      );
      expect(rows[0].n).toBe(1);
      const [event] = await db.query(
        `SELECT payload FROM outbox WHERE job_name = 'invoice.overdue' AND payload->>'invoiceId' = $1`,
        [invoice.id],
      );
      expect(event.payload).toEqual({
        orgId: owner.orgId,
        invoiceId: invoice.id,
        customerId: customer.id,
        number: invoice.number,
        currency: 'EUR',
        total: 10_000,
        amountDue: 10_000,
      });
      const listed = await api().get(`/v1/invoices?overdue=true&customerId=${customer.id}`).expect(200);
      expect(listed.body.data.map((i: InvoiceBody) => i.id)).toContain(invoice.id);
    });
  });

  describe('numbering settings', () => {
    it('validates patterns with a 422 naming the field', async () => {
      for (const [body, field] of [
        [{ invoiceNumberPattern: '{prefix}-{YYYY}' }, 'invoiceNumberPattern'],
        [{ invoiceNumberPattern: '{prefix}-{seq}' }, 'invoiceNumberPattern'],
        [{ creditNoteNumberPattern: '{prefix}-{nope}-{seq}' }, 'creditNoteNumberPattern'],
        [{ prefix: 'has space' }, 'prefix'],
      ] as const) {
        const res = await api().put('/v1/invoicing/settings', body).expect(422);
        expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
      }
    });

    it('numbers with a custom pattern, and without yearly reset keeps counting', async () => {
      const org = await signUpAndLogin(t, 'inv-pattern');
      const c = await createCustomer(t, org, { currency: 'EUR' });
      const settings = await http(org.accessToken)
        .put('/v1/invoicing/settings', {
          prefix: 'ACME',
          invoiceNumberPattern: '{prefix}/{seq:4}',
          yearlyReset: false,
        })
        .expect(200);
      expect(settings.body).toMatchObject({ prefix: 'ACME', yearlyReset: false, draftGraceHours: 0 });
      await http(org.accessToken).get('/v1/invoicing/settings').expect(200, settings.body);
      const invoice = await createFinalizedInvoice(t, org, { customerId: c.id });
      expect(invoice.number).toBe('ACME/0001');
    });

    it('restarts at 1 in a new year when yearly reset is on', async () => {
      const org = await signUpAndLogin(t, 'inv-reset');
      const c = await createCustomer(t, org, { currency: 'EUR' });
      const invoices = t.app.get(InvoicesService);
      const finalizeAt = async (at: string) => {
        const draft = await createDraftInvoice(t, org, c.id);
        return (await invoices.finalize(org.orgId, draft.id, new Date(at))).number;
      };
      expect(await finalizeAt('2031-12-31T23:59:59Z')).toBe('INV-2031-000001');
      expect(await finalizeAt('2031-12-31T23:59:59Z')).toBe('INV-2031-000002');
      expect(await finalizeAt('2032-01-01T00:00:00Z')).toBe('INV-2032-000001');
    });
  });

  describe('reads and access', () => {
    it('lists with filters and cursor pagination', async () => {
      const c = await createCustomer(t, owner, { currency: 'EUR' });
      const open = await createFinalizedInvoice(t, owner, { customerId: c.id });
      const draft = await createDraftInvoice(t, owner, c.id);
      const all = await api().get(`/v1/invoices?customerId=${c.id}&limit=1`).expect(200);
      expect(all.body).toMatchObject({ hasMore: true, data: [{ id: draft.id }] });
      const next = await api().get(`/v1/invoices?customerId=${c.id}&limit=1&cursor=${all.body.nextCursor}`);
      expect(next.body).toMatchObject({ hasMore: false, data: [{ id: open.id }] });
      const byStatus = await api().get(`/v1/invoices?customerId=${c.id}&status=open`).expect(200);
      expect(byStatus.body.data.map((i: InvoiceBody) => i.id)).toEqual([open.id]);
      const byNumber = await api().get(`/v1/invoices?number=${open.number}`).expect(200);
      expect(byNumber.body.data.map((i: InvoiceBody) => i.id)).toEqual([open.id]);
      await api().get('/v1/invoices?status=bogus').expect(400);
    });

    it("treats another organisation's invoice as missing (404)", async () => {
      const other = await signUpAndLogin(t, 'inv-other');
      const invoice = await createDraftInvoice(t, owner, customer.id);
      const them = http(other.accessToken);
      for (const res of [
        await them.get(`/v1/invoices/${invoice.id}`),
        await them.post(`/v1/invoices/${invoice.id}/finalize`),
        await them.patch(`/v1/invoices/${invoice.id}`, { memo: 'x' }),
        await them.delete(`/v1/invoices/${invoice.id}`),
      ])
        expect(res.body).toMatchObject({ status: 404, code: 'invoice_not_found' });
      const res = await them.post('/v1/invoices', { customerId: customer.id, lines: [] }).expect(422);
      expect(res.body.code).toBe('customer_not_found');
    });

    it('requires invoices:write to change invoices', async () => {
      const viewer = await addMember(t, owner, 'viewer', 'inv-viewer');
      await http(viewer.accessToken).get('/v1/invoices').expect(200);
      await http(viewer.accessToken).post('/v1/invoices', { customerId: customer.id, lines: [] }).expect(403);
    });
  });
});
