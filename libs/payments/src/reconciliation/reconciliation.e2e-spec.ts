import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { newId } from '@app/core';
import { SignedUpUser, asUser, signUpAndLogin } from '../../../../test/kit/auth-test-kit';
import { createCustomer, parseCsv } from '../../../../test/kit/customers-test-kit';
import { PaymentsTestApp, connectStripe, startPaymentsApp } from '../../../../test/kit/stripe-test-kit';
import { waitFor } from '../../../../test/kit/wait-for';
import { BalanceTransaction, Dispute as EmulatedDispute } from '../../../../test/stripe-emulator';
import { stripeClient } from '../../../../test/stripe-emulator/test-support';
import { DISCREPANCY_CSV_COLUMNS } from './reconciliation-csv';
import { ReconciliationJobs } from './reconciliation.jobs';
import { previousUtcDay } from './reconciliation.service';

interface Discrepancy {
  id: string;
  kind: string;
  objectType: string;
  providerId: string | null;
  localId: string | null;
  expectedAmount: number | null;
  expectedCurrency: string | null;
  actualAmount: number | null;
  actualCurrency: string | null;
  expectedStatus: string | null;
  actualStatus: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

/** An org connected to its own emulator account, with one USD customer to hang local rows on. */
interface Merchant {
  user: SignedUpUser;
  apiKey: string;
  stripe: Stripe;
  customerId: string;
}

describe('payments: reconciliation with Stripe', () => {
  let t: PaymentsTestApp;
  let db: DataSource;
  let merchant: Merchant;
  let planted: { runId: string; discrepancies: Discrepancy[] };

  const merchantOf = async (label: string): Promise<Merchant> => {
    const user = await signUpAndLogin(t, label);
    const { apiKey } = await connectStripe(t, user, { webhooks: false });
    const customer = await createCustomer(t, user, { currency: 'USD' });
    return { user, apiKey, stripe: stripeClient(t.emulator, apiKey), customerId: customer.id };
  };

  /** A card payment at Stripe (only there): the PaymentIntent, its charge and the charge's fee. */
  const chargeAtStripe = async (m: Merchant, amount: number, token = 'pm_card_visa') => {
    const intent = await m.stripe.paymentIntents.create({
      amount,
      currency: 'usd',
      payment_method: token,
      confirm: true,
      expand: ['latest_charge.balance_transaction'],
    });
    const charge = intent.latest_charge as Stripe.Charge;
    const fee = (charge.balance_transaction as Stripe.BalanceTransaction).fee;
    return { intentId: intent.id, chargeId: charge.id, amount, fee };
  };

  /** A local Stripe payment row as the collection code writes it; `overrides` plant a discrepancy. */
  const insertPayment = async (
    m: Merchant,
    stripeSide: { intentId: string; chargeId: string; amount: number; fee: number },
    overrides: { amount?: number; currency?: string; status?: string; fee?: number } = {},
  ): Promise<string> => {
    const id = newId();
    await db.query(
      `INSERT INTO payments (id, org_id, customer_id, provider, method, amount, currency, status,
                             provider_payment_id, provider_charge_id, fee, received_at)
       VALUES ($1, $2, $3, 'stripe', 'card', $4, $5, $6, $7, $8, $9, now())`,
      [
        id,
        m.user.orgId,
        m.customerId,
        overrides.amount ?? stripeSide.amount,
        overrides.currency ?? 'USD',
        overrides.status ?? 'succeeded',
        stripeSide.intentId,
        stripeSide.chargeId,
        overrides.fee ?? stripeSide.fee,
      ],
    );
    return id;
  };

  const insertRefund = async (m: Merchant, paymentId: string, refund: Stripe.Refund): Promise<string> => {
    const id = newId();
    await db.query(
      `INSERT INTO refunds (id, org_id, payment_id, customer_id, provider, amount, currency, status, provider_refund_id)
       VALUES ($1, $2, $3, $4, 'stripe', $5, 'USD', 'succeeded', $6)`,
      [id, m.user.orgId, paymentId, m.customerId, refund.amount, refund.id],
    );
    return id;
  };

  /** Starts a manual run of [from, now) over the API and waits for the worker to finish it. */
  const reconcile = async (m: Merchant, from: Date) => {
    const started = await asUser(t, m.user)
      .post('/v1/payments/reconciliations', { from: from.toISOString(), to: new Date().toISOString() })
      .expect(202);
    expect(started.body).toMatchObject({ status: 'running', trigger: 'manual', totals: null });
    await t.drainJobs();
    const run = await asUser(t, m.user).get(`/v1/payments/reconciliations/${started.body.id}`).expect(200);
    return run.body;
  };

  const discrepanciesOf = async (m: Merchant, runId: string, query = ''): Promise<Discrepancy[]> =>
    (
      await asUser(t, m.user)
        .get(`/v1/payments/reconciliations/${runId}/discrepancies?limit=100${query}`)
        .expect(200)
    ).body.data;

  beforeAll(async () => {
    t = await startPaymentsApp();
    db = t.app.get(DataSource);
    merchant = await merchantOf('reconciliation');
  });
  afterAll(() => t.stop());

  it('finds each kind of planted discrepancy, matches the rest, and totals them', async () => {
    const from = new Date(Date.now() - 60_000);
    const m = merchant;

    const clean = await chargeAtStripe(m, 10_000);
    await insertPayment(m, clean);
    const onlyAtStripe = await chargeAtStripe(m, 2_500);
    const neverCharged = {
      intentId: 'pi_planted_missing',
      chargeId: 'ch_planted_missing',
      amount: 4_000,
      fee: 146,
    };
    const missingPaymentId = await insertPayment(m, neverCharged);
    const wrongAmount = await chargeAtStripe(m, 3_000);
    await insertPayment(m, wrongAmount, { amount: 3_100 });
    const wrongCurrency = await chargeAtStripe(m, 5_000);
    await insertPayment(m, wrongCurrency, { currency: 'EUR' });
    const refundedAtStripe = await chargeAtStripe(m, 6_000);
    const staleId = await insertPayment(m, refundedAtStripe, { status: 'succeeded' });
    await insertRefund(
      m,
      staleId,
      await m.stripe.refunds.create({ payment_intent: refundedAtStripe.intentId }),
    );
    const wrongFee = await chargeAtStripe(m, 7_000);
    await insertPayment(m, wrongFee, { fee: wrongFee.fee + 1 });
    const disputed = await chargeAtStripe(m, 8_000, 'pm_card_createDispute');
    const disputedId = await insertPayment(m, disputed, { status: 'disputed' });
    const dispute = await waitFor(
      async () => t.emulator.control.objects<EmulatedDispute>(m.apiKey, 'disputes')[0],
      5_000,
      'the dispute',
    );
    await db.query(
      `INSERT INTO disputes (id, org_id, payment_id, customer_id, provider_dispute_id, amount, currency, reason, status, fee)
       VALUES ($1, $2, $3, $4, $5, 8000, 'USD', 'fraudulent', $6, 1500)`,
      [newId(), m.user.orgId, disputedId, m.customerId, dispute.id, dispute.status],
    );

    const run = await reconcile(m, from);
    const found = await discrepanciesOf(m, run.id);
    const byKind = (kind: string) => found.filter((d) => d.kind === kind);

    expect(found.map((d) => d.kind).sort()).toEqual([
      'amount_mismatch',
      'currency_mismatch',
      'fee_mismatch',
      'missing_at_stripe',
      'missing_locally',
      'status_mismatch',
    ]);
    expect(byKind('missing_locally')[0]).toMatchObject({
      objectType: 'payment',
      providerId: onlyAtStripe.intentId,
      localId: null,
      expectedAmount: 2_500,
      expectedCurrency: 'USD',
      actualAmount: null,
    });
    expect(byKind('missing_at_stripe')[0]).toMatchObject({
      objectType: 'payment',
      providerId: neverCharged.intentId,
      localId: missingPaymentId,
      expectedAmount: null,
      actualAmount: 4_000,
      actualCurrency: 'USD',
    });
    expect(byKind('amount_mismatch')[0]).toMatchObject({
      providerId: wrongAmount.intentId,
      expectedAmount: 3_000,
      actualAmount: 3_100,
    });
    expect(byKind('currency_mismatch')[0]).toMatchObject({
      providerId: wrongCurrency.intentId,
      expectedCurrency: 'USD',
      actualCurrency: 'EUR',
    });
    expect(byKind('status_mismatch')[0]).toMatchObject({
      providerId: refundedAtStripe.intentId,
      localId: staleId,
      expectedStatus: 'refunded',
      actualStatus: 'succeeded',
    });
    expect(byKind('fee_mismatch')[0]).toMatchObject({
      providerId: wrongFee.intentId,
      expectedAmount: wrongFee.fee,
      actualAmount: wrongFee.fee + 1,
    });

    const transactions = t.emulator.control.objects<BalanceTransaction>(m.apiKey, 'balance_transactions');
    const sum = (field: 'amount' | 'fee' | 'net') =>
      transactions.reduce((total, txn) => total + txn[field], 0);
    const one = (amount: number) => ({ count: 1, amounts: { USD: amount } });
    expect(run).toMatchObject({ status: 'completed', error: null });
    expect(run.totals).toEqual({
      // 7 charges, the refund, the dispute's withdrawal
      balanceTransactions: 9,
      // the clean and the disputed payment, the refund, the dispute
      matched: 4,
      discrepancies: 6,
      byKind: {
        missing_locally: one(2_500),
        missing_at_stripe: one(4_000),
        amount_mismatch: one(100),
        currency_mismatch: one(5_000),
        status_mismatch: one(6_000),
        fee_mismatch: one(1),
      },
      stripe: { USD: { gross: sum('amount'), fee: sum('fee'), net: sum('net') } },
    });
    expect(transactions).toHaveLength(9);
    planted = { runId: run.id, discrepancies: found };
  });

  it('exports the discrepancies as CSV, all or filtered', async () => {
    const res = await asUser(t, merchant.user)
      .get(`/v1/payments/reconciliations/${planted.runId}/discrepancies.csv`)
      .expect(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const [header, ...rows] = parseCsv(res.text);
    expect(header).toEqual([...DISCREPANCY_CSV_COLUMNS]);
    expect(rows).toHaveLength(6);
    const column = (name: string) => header.indexOf(name);
    const missing = rows.find((r) => r[column('kind')] === 'missing_locally')!;
    const expected = planted.discrepancies.find((d) => d.kind === 'missing_locally')!;
    expect(missing[column('id')]).toBe(expected.id);
    expect(missing[column('providerId')]).toBe(expected.providerId);
    expect(missing[column('expectedAmount')]).toBe('2500');
    expect(missing[column('expectedCurrency')]).toBe('USD');
    expect(missing[column('actualAmount')]).toBe('');

    const filtered = await asUser(t, merchant.user)
      .get(`/v1/payments/reconciliations/${planted.runId}/discrepancies.csv?kind=fee_mismatch`)
      .expect(200);
    const [, ...feeRows] = parseCsv(filtered.text);
    expect(feeRows.map((r) => r[column('kind')])).toEqual(['fee_mismatch']);
  });

  it('resolves a discrepancy with a note once (409 the second time); lists filter by resolved and kind', async () => {
    const target = planted.discrepancies.find((d) => d.kind === 'amount_mismatch')!;
    const resolved = await asUser(t, merchant.user)
      .post(`/v1/payments/reconciliation-discrepancies/${target.id}/resolve`, { note: 'Customer paid 31.00' })
      .expect(200);
    expect(resolved.body).toMatchObject({
      id: target.id,
      resolvedBy: merchant.user.userId,
      resolutionNote: 'Customer paid 31.00',
    });
    expect(resolved.body.resolvedAt).toBeTruthy();

    const again = await asUser(t, merchant.user)
      .post(`/v1/payments/reconciliation-discrepancies/${target.id}/resolve`, { note: 'twice' })
      .expect(409);
    expect(again.body.code).toBe('discrepancy_already_resolved');
    await asUser(t, merchant.user)
      .post(`/v1/payments/reconciliation-discrepancies/${target.id}/resolve`, { note: '' })
      .expect(400);

    expect((await discrepanciesOf(merchant, planted.runId, '&resolved=true')).map((d) => d.id)).toEqual([
      target.id,
    ]);
    expect(await discrepanciesOf(merchant, planted.runId, '&resolved=false')).toHaveLength(5);
    expect(
      (await discrepanciesOf(merchant, planted.runId, '&kind=missing_at_stripe')).map((d) => d.kind),
    ).toEqual(['missing_at_stripe']);
    await asUser(t, merchant.user)
      .get(`/v1/payments/reconciliations/${planted.runId}/discrepancies?kind=nope`)
      .expect(400);
  });

  it("another organisation's run and discrepancies are 404s", async () => {
    const stranger = await signUpAndLogin(t, 'reconciliation-stranger');
    const as = asUser(t, stranger);
    for (const path of ['', '/discrepancies', '/discrepancies.csv'])
      expect(
        (await as.get(`/v1/payments/reconciliations/${planted.runId}${path}`).expect(404)).body.code,
      ).toBe('reconciliation_run_not_found');
    const target = planted.discrepancies[0];
    const res = await as
      .post(`/v1/payments/reconciliation-discrepancies/${target.id}/resolve`, { note: 'not mine' })
      .expect(404);
    expect(res.body.code).toBe('reconciliation_discrepancy_not_found');
    expect((await as.get('/v1/payments/reconciliations').expect(200)).body.data).toEqual([]);
  });

  it('a clean period has no discrepancy: partial refund and payment both match', async () => {
    const from = new Date(Date.now() - 60_000);
    const m = await merchantOf('reconciliation-clean');
    const paid = await chargeAtStripe(m, 12_345);
    const paymentId = await insertPayment(m, paid, { status: 'partially_refunded' });
    await insertRefund(
      m,
      paymentId,
      await m.stripe.refunds.create({ payment_intent: paid.intentId, amount: 345 }),
    );

    const run = await reconcile(m, from);
    expect(run.status).toBe('completed');
    expect(run.totals).toMatchObject({ balanceTransactions: 2, matched: 2, discrepancies: 0 });
    expect(Object.values(run.totals.byKind)).toEqual(Array(6).fill({ count: 0, amounts: {} }));
    expect(run.totals.stripe.USD.gross).toBe(12_000);
    expect(await discrepanciesOf(m, run.id)).toEqual([]);
  });

  it('refuses a bad period: 422 for an empty, future or too long range, 400 for a malformed date', async () => {
    const post = (from: string, to: string) =>
      asUser(t, merchant.user).post('/v1/payments/reconciliations', { from, to });
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    for (const [from, to] of [
      [iso(now - 1_000), iso(now - 1_000)],
      [iso(now - 1_000), iso(now - 2_000)],
      [iso(now - 3_600_000), iso(now + 3_600_000)],
      [iso(now - 100 * 86_400_000), iso(now - 1_000)],
    ]) {
      const res = await post(from, to).expect(422);
      expect(res.body).toMatchObject({ code: 'invalid_reconciliation_period', errors: [{ field: 'to' }] });
    }
    await post('yesterday', iso(now)).expect(400);
  });

  it('a Stripe failure after the retries fails the run with the error; the failed run can run again', async () => {
    const from = new Date(Date.now() - 60_000);
    const m = await merchantOf('reconciliation-faulty');
    await insertPayment(m, await chargeAtStripe(m, 9_900));
    t.emulator.control.injectFault({ kind: '500', count: 20, path: '/v1/balance_transactions' });

    const failed = await reconcile(m, from);
    t.emulator.control.clearFaults();
    expect(failed).toMatchObject({ status: 'failed', totals: null });
    expect(failed.error).toBeTruthy();
    expect(await discrepanciesOf(m, failed.id)).toEqual([]);

    const retried = await asUser(t, m.user)
      .post(`/v1/payments/reconciliations/${failed.id}/retry`)
      .expect(202);
    expect(retried.body).toMatchObject({ id: failed.id, status: 'running', error: null });
    await t.drainJobs();
    const done = await asUser(t, m.user).get(`/v1/payments/reconciliations/${failed.id}`).expect(200);
    expect(done.body).toMatchObject({
      status: 'completed',
      error: null,
      totals: { matched: 1, discrepancies: 0 },
    });
    const again = await asUser(t, m.user).post(`/v1/payments/reconciliations/${failed.id}/retry`).expect(409);
    expect(again.body.code).toBe('reconciliation_run_not_failed');
  });

  it('the daily job starts one run of the previous UTC day per connected org, once however often it runs', async () => {
    const unconnected = await signUpAndLogin(t, 'reconciliation-unconnected');
    const jobs = t.app.get(ReconciliationJobs);
    const connected: { org_id: string }[] = await db.query(`SELECT org_id FROM stripe_accounts`);

    expect(await jobs.startAll()).toBe(connected.length);
    expect(await jobs.startAll()).toBe(0);
    await t.drainJobs();

    const { start, end } = previousUtcDay(new Date());
    const runs: { org_id: string; status: string; period_start: Date; period_end: Date }[] = await db.query(
      `SELECT org_id, status, period_start, period_end FROM reconciliation_runs WHERE trigger = 'scheduled'`,
    );
    expect(runs.map((r) => r.org_id).sort()).toEqual(connected.map((r) => r.org_id).sort());
    for (const run of runs) {
      expect(run).toMatchObject({ status: 'completed', period_start: start, period_end: end });
    }
    const listed = await asUser(t, merchant.user)
      .get('/v1/payments/reconciliations?trigger=scheduled')
      .expect(200);
    expect(listed.body.data).toHaveLength(1);
    expect(listed.body.data[0].totals).toMatchObject({ balanceTransactions: 0, discrepancies: 0 });
    expect((await asUser(t, unconnected).get('/v1/payments/reconciliations').expect(200)).body.data).toEqual(
      [],
    );
  });
});
