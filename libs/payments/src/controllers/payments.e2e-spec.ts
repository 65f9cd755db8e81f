import { DataSource } from 'typeorm';
import { LedgerAccount } from '@app/ledger';
import {
  AuthTestApp,
  SignedUpUser,
  asUser,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { InvoiceBody, createFinalizedInvoice } from '../../../../test/kit/invoicing-test-kit';
import { assertCustomerLedger, ledgerBalance } from '../../../../test/kit/ledger-test-kit';

/** Every invoice here is the kit's default: 2 × 50.00 EUR, no tax, total 10000. */
describe('payments: offline payments, allocation, ledger', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let stranger: SignedUpUser;
  let db: DataSource;

  const api = (user = owner) => asUser(t, user);
  const pay = (body: Record<string, unknown>, user = owner) =>
    api(user).post('/v1/payments', { method: 'bank_transfer', currency: 'EUR', ...body });
  const invoice = async (id: string): Promise<InvoiceBody> =>
    (await api().get(`/v1/invoices/${id}`).expect(200)).body as InvoiceBody;
  const customerWithInvoices = async (count: number) => {
    const customer = await createCustomer(t, owner, { currency: 'EUR' });
    const invoices: InvoiceBody[] = [];
    for (let i = 0; i < count; i++)
      invoices.push(await createFinalizedInvoice(t, owner, { customerId: customer.id }));
    return { customerId: customer.id, invoices };
  };
  const outbox = async (jobName: string, key: string, value: string): Promise<Record<string, unknown>[]> => {
    const rows: { payload: Record<string, unknown> }[] = await db.query(
      `SELECT payload FROM outbox WHERE job_name = $1 AND payload->>$2 = $3`,
      [jobName, key, value],
    );
    return rows.map((r) => r.payload);
  };

  /** docs/ledger.md invariants for one customer, plus cash clearing = Σ succeeded payments of the org. */
  const assertLedgerConsistent = async (customerId: string) => {
    await assertCustomerLedger(t.app, owner.orgId, customerId);
    const [{ sum }]: { sum: string }[] = await db.query(
      `SELECT coalesce(sum(amount), 0) AS sum FROM payments WHERE org_id = $1 AND status = 'succeeded'`,
      [owner.orgId],
    );
    expect(await ledgerBalance(t.app, owner.orgId, 'EUR', LedgerAccount.CashClearing)).toBe(Number(sum));
  };

  beforeAll(async () => {
    t = await startAuthApp();
    db = t.app.get(DataSource);
    owner = await signUpAndLogin(t, 'payments');
    stranger = await signUpAndLogin(t, 'payments-stranger');
  });
  afterAll(() => t.stop());

  it('a full payment settles the open invoice: paid, invoice.paid and payment.succeeded in the outbox', async () => {
    const { customerId, invoices } = await customerWithInvoices(1);
    const res = await pay({
      customerId,
      amount: 10000,
      reference: 'WIRE-1',
      receivedAt: '2026-01-15',
    }).expect(201);
    expect(res.body).toMatchObject({
      provider: 'manual',
      method: 'bank_transfer',
      status: 'succeeded',
      amount: 10000,
      amountAllocated: 10000,
      amountCredited: 0,
      creditGrantId: null,
      reference: 'WIRE-1',
      receivedAt: '2026-01-15T00:00:00.000Z',
      allocations: [{ invoiceId: invoices[0].id, amount: 10000, reversedAt: null }],
    });
    expect(await invoice(invoices[0].id)).toMatchObject({
      status: 'paid',
      paymentState: 'paid',
      amountPaid: 10000,
      amountRemaining: 0,
    });
    expect(await outbox('invoice.paid', 'invoiceId', invoices[0].id)).toHaveLength(1);
    expect(await outbox('payment.succeeded', 'paymentId', res.body.id)).toEqual([
      {
        orgId: owner.orgId,
        paymentId: res.body.id,
        customerId,
        amount: 10000,
        currency: 'EUR',
        invoiceIds: [invoices[0].id],
      },
    ]);
    const journals = await api()
      .get(`/v1/ledger/journals?sourceId=${res.body.allocations[0].id}`)
      .expect(200);
    expect(journals.body.data).toHaveLength(1);
    expect(journals.body.data[0]).toMatchObject({
      kind: 'payment_received',
      sourceType: 'payment_allocation',
    });
    await assertLedgerConsistent(customerId);
  });

  it('two partial payments on one invoice: partially paid, then paid; the invoice lists both', async () => {
    const { customerId, invoices } = await customerWithInvoices(1);
    const id = invoices[0].id;
    const first = await pay({ customerId, amount: 4000, method: 'check', reference: 'CHK-100' }).expect(201);
    expect(await invoice(id)).toMatchObject({
      status: 'open',
      paymentState: 'partially_paid',
      amountPaid: 4000,
      amountRemaining: 6000,
    });
    expect(await outbox('invoice.paid', 'invoiceId', id)).toHaveLength(0);
    await assertLedgerConsistent(customerId);
    const second = await pay({
      customerId,
      amount: 6000,
      method: 'cash',
      allocations: [{ invoiceId: id, amount: 6000 }],
    }).expect(201);
    expect(await invoice(id)).toMatchObject({ status: 'paid', paymentState: 'paid', amountRemaining: 0 });
    const listed = await api().get(`/v1/invoices/${id}/payments`).expect(200);
    expect(
      listed.body.data.map((a: { paymentId: string; amount: number }) => [a.paymentId, a.amount]),
    ).toEqual([
      [second.body.id, 6000],
      [first.body.id, 4000],
    ]);
    expect(listed.body.data[1]).toMatchObject({
      method: 'check',
      paymentStatus: 'succeeded',
      reference: 'CHK-100',
    });
    const byInvoice = await api().get(`/v1/payments?invoiceId=${id}`).expect(200);
    expect(byInvoice.body.data.map((p: { id: string }) => p.id)).toEqual([second.body.id, first.body.id]);
    await assertLedgerConsistent(customerId);
  });

  it('one payment over two invoices, oldest due date first, without explicit allocations', async () => {
    const { customerId, invoices } = await customerWithInvoices(2);
    const res = await pay({ customerId, amount: 15000 }).expect(201);
    expect(
      res.body.allocations.map((a: { invoiceId: string; amount: number }) => [a.invoiceId, a.amount]).sort(),
    ).toEqual(
      [
        [invoices[0].id, 10000],
        [invoices[1].id, 5000],
      ].sort(),
    );
    expect(await invoice(invoices[0].id)).toMatchObject({ status: 'paid', amountRemaining: 0 });
    expect(await invoice(invoices[1].id)).toMatchObject({
      status: 'open',
      paymentState: 'partially_paid',
      amountRemaining: 5000,
    });
    await assertLedgerConsistent(customerId);
  });

  it('an overpayment becomes customer credit (a purchased grant from cash clearing)', async () => {
    const { customerId, invoices } = await customerWithInvoices(1);
    const res = await pay({ customerId, amount: 13000, reference: 'WIRE-OVER' }).expect(201);
    expect(res.body).toMatchObject({ amountAllocated: 10000, amountCredited: 3000 });
    expect(await invoice(invoices[0].id)).toMatchObject({ status: 'paid' });
    const grant = await api().get(`/v1/credit-grants/${res.body.creditGrantId}`).expect(200);
    expect(grant.body).toMatchObject({
      customerId,
      amount: 3000,
      remainingAmount: 3000,
      type: 'purchased',
      fundingAccount: 'cash_clearing',
      source: 'overpayment',
      sourceId: res.body.id,
      expiresAt: null,
    });
    const balance = await api().get(`/v1/customers/${customerId}/credits/balance`).expect(200);
    expect(balance.body.balances).toEqual([
      { currency: 'EUR', available: 3000, nextExpiresAt: null, nextExpiringAmount: 0 },
    ]);
    await assertLedgerConsistent(customerId);
  });

  describe('bad input: 4xx, and nothing written', () => {
    let customerId: string;
    let invoiceId: string;
    beforeAll(async () => {
      const made = await customerWithInvoices(1);
      customerId = made.customerId;
      invoiceId = made.invoices[0].id;
    });
    afterEach(async () => {
      const list = await api().get(`/v1/payments?customerId=${customerId}`).expect(200);
      expect(list.body.data).toEqual([]);
      expect(await invoice(invoiceId)).toMatchObject({
        status: 'open',
        amountPaid: 0,
        amountRemaining: 10000,
      });
      await assertLedgerConsistent(customerId);
    });

    it('422 allocation_exceeds_remaining naming the allocation above the invoice remaining amount', async () => {
      const res = await pay({
        customerId,
        amount: 20000,
        allocations: [{ invoiceId, amount: 10001 }],
      }).expect(422);
      expect(res.body).toMatchObject({
        code: 'allocation_exceeds_remaining',
        errors: [{ field: 'allocations.0.amount' }],
      });
    });

    it('422 currency_mismatch when the currency is not the customer’s', async () => {
      const res = await pay({ customerId, amount: 10000, currency: 'USD' }).expect(422);
      expect(res.body).toMatchObject({ code: 'currency_mismatch', errors: [{ field: 'currency' }] });
    });

    it.each([0, -500, 12.5])('422 invalid_payment for an amount of %p', async (amount) => {
      const res = await pay({ customerId, amount }).expect(422);
      expect(res.body).toMatchObject({ code: 'invalid_payment', errors: [{ field: 'amount' }] });
    });

    it('422 for allocations adding up to more than the amount, or a non-positive allocation', async () => {
      const over = await pay({ customerId, amount: 5000, allocations: [{ invoiceId, amount: 6000 }] }).expect(
        422,
      );
      expect(over.body).toMatchObject({
        code: 'allocations_exceed_amount',
        errors: [{ field: 'allocations' }],
      });
      const zero = await pay({ customerId, amount: 5000, allocations: [{ invoiceId, amount: 0 }] }).expect(
        422,
      );
      expect(zero.body).toMatchObject({
        code: 'invalid_payment',
        errors: [{ field: 'allocations.0.amount' }],
      });
    });

    it('all or nothing: an allocation refused after another was applied rolls both back', async () => {
      const other = await createFinalizedInvoice(t, owner, { customerId });
      // Applied in invoice id order: the older invoice (valid) first, then the newer one (refused).
      const res = await pay({
        customerId,
        amount: 25000,
        allocations: [
          { invoiceId: other.id, amount: 10001 },
          { invoiceId, amount: 10000 },
        ],
      }).expect(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'allocations.0.amount' })]);
      expect(await invoice(other.id)).toMatchObject({ status: 'open', amountRemaining: 10000 });
      await api().post(`/v1/invoices/${other.id}/void`).expect(200);
    });

    it('400 for an unknown method or a malformed body', async () => {
      await pay({ customerId, amount: 100, method: 'bitcoin' }).expect(400);
      await pay({ customerId, amount: '100' }).expect(400);
    });
  });

  it('409 on a void invoice', async () => {
    const { customerId, invoices } = await customerWithInvoices(1);
    await api().post(`/v1/invoices/${invoices[0].id}/void`).expect(200);
    const res = await pay({
      customerId,
      amount: 100,
      allocations: [{ invoiceId: invoices[0].id, amount: 100 }],
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('invalid_invoice_transition');
  });

  it('reversal (bounced check) reopens what it paid, voids its credit and balances the ledger', async () => {
    const { customerId, invoices } = await customerWithInvoices(2);
    const paid = await pay({ customerId, amount: 25000, method: 'check', reference: 'CHK-9' }).expect(201);
    expect(paid.body).toMatchObject({ amountAllocated: 20000, amountCredited: 5000 });
    await assertLedgerConsistent(customerId);

    const res = await api()
      .post(`/v1/payments/${paid.body.id}/reverse`, { reason: 'check returned unpaid' })
      .expect(200);
    expect(res.body).toMatchObject({
      status: 'failed',
      failureCode: 'payment_reversed',
      reversalReason: 'check returned unpaid',
      amountAllocated: 0,
      amountCredited: 0,
    });
    expect(res.body.reversedAt).toEqual(expect.any(String));
    expect(res.body.allocations.every((a: { reversedAt: string | null }) => a.reversedAt !== null)).toBe(
      true,
    );
    for (const i of invoices)
      expect(await invoice(i.id)).toMatchObject({
        status: 'open',
        paymentState: 'unpaid',
        amountPaid: 0,
        amountRemaining: 10000,
      });
    const grant = await api().get(`/v1/credit-grants/${paid.body.creditGrantId}`).expect(200);
    expect(grant.body).toMatchObject({ status: 'voided', remainingAmount: 0, voidedAmount: 5000 });
    expect(await outbox('payment.failed', 'paymentId', paid.body.id)).toHaveLength(1);
    await assertLedgerConsistent(customerId);

    const again = await api().post(`/v1/payments/${paid.body.id}/reverse`, { reason: 'twice' }).expect(409);
    expect(again.body.code).toBe('payment_not_reversible');
    const failed = await api().get(`/v1/payments?customerId=${customerId}&status=failed`).expect(200);
    expect(failed.body.data.map((p: { id: string }) => p.id)).toEqual([paid.body.id]);
  });

  it('reversal is refused with 409 once the credit it became was spent', async () => {
    const customer = await createCustomer(t, owner, { currency: 'EUR' });
    const paid = await pay({ customerId: customer.id, amount: 3000 }).expect(201);
    expect(paid.body).toMatchObject({ amountAllocated: 0, amountCredited: 3000 });
    const next = await createFinalizedInvoice(t, owner, { customerId: customer.id });
    expect(next.creditsApplied).toBe(3000);
    const res = await api().post(`/v1/payments/${paid.body.id}/reverse`, { reason: 'bounced' }).expect(409);
    expect(res.body.code).toBe('payment_credit_spent');
    expect((await api().get(`/v1/payments/${paid.body.id}`).expect(200)).body.status).toBe('succeeded');
    await assertLedgerConsistent(customer.id);
  });

  it('allocate: the unallocated rest (still unspent credit) settles open invoices afterwards', async () => {
    const { customerId, invoices } = await customerWithInvoices(1);
    const paid = await pay({ customerId, amount: 14000, allocations: [] }).expect(201);
    expect(paid.body).toMatchObject({ amountAllocated: 0, amountCredited: 14000 });
    const firstGrant = paid.body.creditGrantId as string;
    await assertLedgerConsistent(customerId);

    const res = await api().post(`/v1/payments/${paid.body.id}/allocate`, {}).expect(200);
    expect(res.body).toMatchObject({ amountAllocated: 10000, amountCredited: 4000 });
    expect(res.body.creditGrantId).not.toBe(firstGrant);
    expect(await invoice(invoices[0].id)).toMatchObject({ status: 'paid', amountRemaining: 0 });
    expect((await api().get(`/v1/credit-grants/${firstGrant}`).expect(200)).body.status).toBe('voided');
    await assertLedgerConsistent(customerId);

    const nothing = await api().post(`/v1/payments/${paid.body.id}/allocate`, {}).expect(409);
    expect(nothing.body.code).toBe('nothing_to_allocate');
    const again = await api()
      .post(`/v1/payments/${paid.body.id}/allocate`, {
        allocations: [{ invoiceId: invoices[0].id, amount: 1 }],
      })
      .expect(409);
    expect(again.body.code).toBe('invoice_already_allocated');
  });

  it('two payments racing for the last remaining amount: one succeeds, the other 422, no over-allocation', async () => {
    const { customerId, invoices } = await customerWithInvoices(1);
    const id = invoices[0].id;
    await pay({ customerId, amount: 4000 }).expect(201);
    const racers = await Promise.all(
      [1, 2, 3].map((n) =>
        pay({
          customerId,
          amount: 6000,
          reference: `RACE-${n}`,
          allocations: [{ invoiceId: id, amount: 6000 }],
        }),
      ),
    );
    expect(racers.map((r) => r.status).sort()).toEqual([201, 422, 422]);
    for (const r of racers.filter((r) => r.status === 422))
      expect(r.body.code).toBe('allocation_exceeds_remaining');
    expect(await invoice(id)).toMatchObject({ status: 'paid', amountPaid: 10000, amountRemaining: 0 });
    const [{ sum }]: { sum: string }[] = await db.query(
      `SELECT sum(amount) AS sum FROM payment_allocations WHERE invoice_id = $1`,
      [id],
    );
    expect(Number(sum)).toBe(10000);
    await assertLedgerConsistent(customerId);
  });

  it('another organisation gets 404 for the payment, its customer and its invoice', async () => {
    const { customerId, invoices } = await customerWithInvoices(1);
    const paid = await pay({ customerId, amount: 1000 }).expect(201);
    await api(stranger).get(`/v1/payments/${paid.body.id}`).expect(404);
    await api(stranger).post(`/v1/payments/${paid.body.id}/reverse`, { reason: 'x' }).expect(404);
    await api(stranger).post(`/v1/payments/${paid.body.id}/allocate`, {}).expect(404);
    await api(stranger).get(`/v1/invoices/${invoices[0].id}/payments`).expect(404);
    expect((await pay({ customerId, amount: 1000 }, stranger)).status).toBe(404);
    const theirs = await createCustomer(t, stranger, { currency: 'EUR' });
    const res = await pay(
      { customerId: theirs.id, amount: 1000, allocations: [{ invoiceId: invoices[0].id, amount: 1000 }] },
      stranger,
    );
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('invoice_not_found');
    expect((await api(stranger).get('/v1/payments').expect(200)).body.data).toEqual([]);
    expect(await invoice(invoices[0].id)).toMatchObject({ amountRemaining: 9000 });
  });

  it('lists newest first with cursor pagination', async () => {
    const customer = await createCustomer(t, owner, { currency: 'EUR' });
    const ids: string[] = [];
    for (const amount of [100, 200, 300])
      ids.push((await pay({ customerId: customer.id, amount }).expect(201)).body.id);
    const first = await api().get(`/v1/payments?customerId=${customer.id}&limit=2`).expect(200);
    expect(first.body.data.map((p: { id: string }) => p.id)).toEqual([ids[2], ids[1]]);
    expect(first.body.hasMore).toBe(true);
    const second = await api()
      .get(`/v1/payments?customerId=${customer.id}&limit=2&cursor=${first.body.nextCursor}`)
      .expect(200);
    expect(second.body.data.map((p: { id: string }) => p.id)).toEqual([ids[0]]);
    expect(second.body.hasMore).toBe(false);
  });
});
