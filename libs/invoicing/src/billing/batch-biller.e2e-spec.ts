import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { SubscriptionsService } from '@app/subscriptions';
import {
  AuthTestApp,
  SignedUpUser,
  bearer,
  signUpAndLogin,
  startAuthApp,
  uniqueRef,
} from '../../../../test/kit/auth-test-kit';
import { wholeSecondsAgo } from '../../../../test/kit/invoicing-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { BatchBiller } from './batch-biller';
import { BillingRunsService } from './billing-runs.service';

const DAY = 86_400_000;

/** An organisation of its own (its own invoice numbers) with a weekly plan: a 49.00 fee and 0.25 per call. */
interface Org {
  user: SignedUpUser;
  planCode: string;
  metricCode: string;
}

describe('billing batches', () => {
  let t: AuthTestApp;
  let db: DataSource;

  const post = (org: Org, path: string, body: object = {}) =>
    t
      .http()
      .post(path)
      .set(...bearer(org.user.accessToken))
      .send(body);

  const newOrg = async (label: string): Promise<Org> => {
    const user = await signUpAndLogin(t, label);
    const org: Org = { user, planCode: uniqueRef('weekly'), metricCode: uniqueRef('calls') };
    await post(org, '/v1/billable-metrics', {
      code: org.metricCode,
      name: 'API calls',
      aggregation: 'count',
    }).expect(201);
    await post(org, '/v1/plans', {
      code: org.planCode,
      name: 'Weekly',
      currency: 'USD',
      interval: 'week',
      baseFee: 4900,
      trialDays: 0,
      charges: [
        { billableMetricCode: org.metricCode, model: 'standard', properties: { unitAmount: '0.25' } },
      ],
    }).expect(201);
    await post(org, '/v1/tax-rates', {
      name: 'VAT 20%',
      percentage: '20',
      inclusive: false,
      isDefault: true,
    }).expect(201);
    return org;
  };

  /** A subscription started 10 days ago, with `events` calls in its first period and `credit` granted. */
  const subscribe = async (org: Org, events: number, credit = 0): Promise<string> => {
    const customer = await createCustomer(t, org.user, { currency: 'USD' });
    const res = await post(org, '/v1/subscriptions', {
      customerId: customer.id,
      planCode: org.planCode,
      startDate: wholeSecondsAgo(10 * DAY).toISOString(),
    }).expect(201);
    if (events > 0)
      await post(org, '/v1/events/batch', {
        events: Array.from({ length: events }, () => ({
          transactionId: uniqueRef('tx'),
          customerExternalId: customer.externalId,
          metricCode: org.metricCode,
          timestamp: wholeSecondsAgo(5 * DAY).toISOString(),
        })),
      }).expect(200);
    if (credit > 0)
      await post(org, `/v1/customers/${customer.id}/credits`, {
        amount: credit,
        currency: 'USD',
        type: 'promotional',
      }).expect(201);
    return res.body.id as string;
  };

  /** Records the ended periods as pending cycles; their ids, oldest boundary first, per subscription. */
  const closePeriods = async (subscriptionIds: string[]): Promise<string[]> => {
    await t.app.get(SubscriptionsService).advanceDue();
    await t.drainJobs();
    const rows: { id: string }[] = await db.query(
      `SELECT id FROM billing_cycles WHERE subscription_id = ANY($1) AND status = 'pending'
        ORDER BY array_position($1::uuid[], subscription_id), boundary`,
      [subscriptionIds],
    );
    return rows.map((r) => r.id);
  };

  const orgIdOf = async (subscriptionId: string): Promise<string> => {
    const [{ org_id }] = await db.query(`SELECT org_id FROM subscriptions WHERE id = $1`, [subscriptionId]);
    return org_id as string;
  };

  /** The sequence parts of the organisation's invoice numbers, ascending. */
  const sequenceNumbers = async (orgId: string): Promise<number[]> => {
    const rows: { number: string }[] = await db.query(
      `SELECT number FROM invoices WHERE org_id = $1 AND number IS NOT NULL`,
      [orgId],
    );
    return rows.map((r) => Number(r.number.split('-').pop())).sort((a, b) => a - b);
  };
  const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

  /** What an invoice amounts to, without ids, numbers or instants: its totals, lines and journal lines. */
  const invoiceShape = async (cycleId: string) => {
    const [invoice] = await db.query(
      `SELECT i.id, i.status, i.subtotal, i.discount_total, i.tax_total, i.total, i.credits_applied, i.amount_due,
              i.tax_breakdown, i.payment_terms_days
         FROM billing_cycles c JOIN invoices i ON i.id = c.invoice_id WHERE c.id = $1`,
      [cycleId],
    );
    const lines = await db.query(
      `SELECT position, kind, description, quantity, unit_amount, amount, tax_amount, total
         FROM invoice_lines WHERE invoice_id = $1 ORDER BY position`,
      [invoice.id],
    );
    const journal = await db.query(
      `SELECT j.kind, l.account, l.debit, l.credit FROM ledger_journals j JOIN ledger_lines l ON l.journal_id = j.id
        WHERE j.source_id IN (SELECT $1 UNION SELECT id::text FROM credit_applications WHERE invoice_id = $2)
        ORDER BY j.kind, l.account, l.debit, l.credit`,
      [invoice.id, invoice.id],
    );
    const { id: _id, ...totals } = invoice;
    return { totals, lines, journal };
  };

  beforeAll(async () => {
    t = await startAuthApp();
    db = t.app.get(DataSource);
  });

  afterAll(() => t.stop());

  it('records a failing cycle and finalizes the others with gapless numbers, burning none', async () => {
    const org = await newOrg('batch-failing');
    const subscriptions = [await subscribe(org, 2), await subscribe(org, 0), await subscribe(org, 5)];
    const cycleIds = await closePeriods(subscriptions);
    expect(cycleIds).toHaveLength(6);
    const [broken] = await db.query(
      `SELECT id, closed_plan_id FROM billing_cycles WHERE subscription_id = $1 AND closed_plan_id IS NOT NULL`,
      [subscriptions[1]],
    );
    await db.query(`UPDATE billing_cycles SET closed_plan_id = gen_random_uuid() WHERE id = $1`, [broken.id]);

    const counts = await t.app.get(BillingRunsService).billBatch(randomUUID(), cycleIds);
    expect(counts).toMatchObject({ invoiced: 5, failed: 1, busy: 0 });
    const [failed] = await db.query(`SELECT status, attempts, invoice_id FROM billing_cycles WHERE id = $1`, [
      broken.id,
    ]);
    expect(failed).toMatchObject({ status: 'pending', attempts: 1, invoice_id: null });
    const orgId = await orgIdOf(subscriptions[0]);
    expect(await sequenceNumbers(orgId)).toEqual(oneTo(5));

    await db.query(`UPDATE billing_cycles SET closed_plan_id = $2 WHERE id = $1`, [
      broken.id,
      broken.closed_plan_id,
    ]);
    expect(await t.app.get(BillingRunsService).billOne(broken.id)).toBe('invoiced');
    expect(await sequenceNumbers(orgId)).toEqual(oneTo(6));
  });

  it('numbers two concurrent batches of one organisation uniquely and without gaps', async () => {
    const org = await newOrg('batch-concurrent');
    const subscriptions: string[] = [];
    for (const events of [1, 2, 3, 4, 5, 6]) subscriptions.push(await subscribe(org, events));
    const cycleIds = await closePeriods(subscriptions);
    expect(cycleIds).toHaveLength(12);
    const biller = t.app.get(BatchBiller);
    const [first, second] = await Promise.all([
      biller.bill(cycleIds.slice(0, 6)),
      biller.bill(cycleIds.slice(6)),
    ]);
    expect([...first.outcomes.values(), ...second.outcomes.values()]).toEqual(Array(12).fill('invoiced'));
    expect(first.failures.size + second.failures.size).toBe(0);
    expect(await sequenceNumbers(await orgIdOf(subscriptions[0]))).toEqual(oneTo(12));
    const unbalanced = await db.query(
      `SELECT j.id FROM ledger_journals j JOIN ledger_lines l ON l.journal_id = j.id
        WHERE j.source_id IN (SELECT id::text FROM invoices WHERE subscription_id = ANY($1))
        GROUP BY j.id HAVING sum(l.debit) <> sum(l.credit)`,
      [subscriptions],
    );
    expect(unbalanced).toEqual([]);
  });

  it('bills a mixed batch exactly as cycles billed one by one', async () => {
    const org = await newOrg('batch-identical');
    // Usage or none, credits covering part or all of the invoice or none.
    const mix: [number, number][] = [
      [0, 0],
      [4, 0],
      [9, 1_000],
      [2, 100_000],
    ];
    const alone: string[] = [];
    const together: string[] = [];
    for (const [events, credit] of mix) {
      alone.push(await subscribe(org, events, credit));
      together.push(await subscribe(org, events, credit));
    }
    const aloneCycles = await closePeriods(alone);
    const togetherCycles = await closePeriods(together);
    const runs = t.app.get(BillingRunsService);
    for (const cycleId of aloneCycles) expect(await runs.billOne(cycleId)).toBe('invoiced');
    expect(await runs.billBatch(randomUUID(), togetherCycles)).toMatchObject({ invoiced: 8, failed: 0 });

    for (const [i, cycleId] of aloneCycles.entries())
      expect(await invoiceShape(togetherCycles[i])).toEqual(await invoiceShape(cycleId));
    const paid = await db.query(
      `SELECT count(*)::int AS n FROM invoices WHERE subscription_id = ANY($1) AND status = 'paid'`,
      [[alone[3], together[3]]],
    );
    expect(paid[0].n).toBeGreaterThan(0);
  });

  it('uses up a once coupon on one invoice of a customer billed twice in the batch, and marks it invoiced', async () => {
    const org = await newOrg('batch-coupon');
    const customer = await createCustomer(t, org.user, { currency: 'USD' });
    const subscriptions: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await post(org, '/v1/subscriptions', {
        customerId: customer.id,
        planCode: org.planCode,
        startDate: wholeSecondsAgo(10 * DAY).toISOString(),
      }).expect(201);
      subscriptions.push(res.body.id as string);
    }
    const code = uniqueRef('ONCE');
    await post(org, '/v1/coupons', {
      code,
      name: 'Once 10%',
      kind: 'percent',
      percentOff: '10',
      duration: 'once',
    }).expect(201);
    await post(org, `/v1/customers/${customer.id}/coupons`, { couponCode: code }).expect(201);
    const cycleIds = await closePeriods(subscriptions);
    expect(cycleIds).toHaveLength(4);

    expect(await t.app.get(BillingRunsService).billBatch(randomUUID(), cycleIds)).toMatchObject({
      invoiced: 4,
      failed: 0,
    });
    const discounted = await db.query(
      `SELECT count(*)::int AS n FROM invoices WHERE subscription_id = ANY($1) AND discount_total > 0`,
      [subscriptions],
    );
    expect(discounted[0].n).toBe(1);
    const [marked] = await db.query(`SELECT first_invoiced_at FROM customers WHERE id = $1`, [customer.id]);
    expect(marked.first_invoiced_at).not.toBeNull();
    const claims = await db.query(`SELECT count(*)::int AS n FROM credited_invoices WHERE customer_id = $1`, [
      customer.id,
    ]);
    expect(claims[0].n).toBe(0);
  });
});
