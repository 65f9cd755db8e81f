import { randomBytes } from 'node:crypto';
import { Job } from 'bullmq';
import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { JobName, JobQueue, QueueName, QueueRegistry, TransactionContext, newId } from '@app/core';
import { InvoicesService } from '@app/invoicing';
import { SignedUpUser, asUser, mailsTo, signUpAndLogin } from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { createFinalizedInvoice } from '../../../../test/kit/invoicing-test-kit';
import { PaymentsTestApp, connectStripe, startPaymentsApp } from '../../../../test/kit/stripe-test-kit';
import { Payment } from '../entities/payment.entity';
import { DunningService } from './dunning.service';

const DAY_MS = 86_400_000;
const FAILED = /Your payment of .* failed/;
const OVERDUE = /is overdue/;

interface Scenario {
  customerId: string;
  email: string;
  invoiceId: string;
  subscriptionId: string | null;
}

interface DunningBody {
  status: string;
  retriesDone: number;
  firstFailedAt: string;
  nextAttemptAt: string | null;
  hardDecline: boolean;
  pastDueAt: string | null;
  finalAction: string | null;
  plannedFinalAction: string;
  schedule: { step: number; at: string; done: boolean }[];
  attempts: { paymentId: string; status: string; failureCode: string | null }[];
}

describe('payments: retries and dunning', () => {
  let t: PaymentsTestApp;
  let owner: SignedUpUser;
  let db: DataSource;
  let tx: TransactionContext;
  let jobs: JobQueue;
  let dunning: DunningService;
  let invoices: InvoicesService;
  let queues: QueueRegistry;

  const api = (user = owner) => asUser(t, user);
  const settings = (body: Record<string, unknown>) => api().put('/v1/payments/settings', body).expect(200);
  const state = async (invoiceId: string): Promise<DunningBody> =>
    (await api().get(`/v1/invoices/${invoiceId}/dunning`).expect(200)).body as DunningBody;
  const subscriptionStatus = async (id: string): Promise<string> =>
    ((await api().get(`/v1/subscriptions/${id}`).expect(200)).body as { status: string }).status;
  const invoiceStatus = async (id: string): Promise<string> =>
    ((await api().get(`/v1/invoices/${id}`).expect(200)).body as { status: string }).status;
  const collectJobs = async (invoiceId: string, trigger: string): Promise<number> => {
    const [{ count }]: { count: string }[] = await db.query(
      `SELECT count(*) FROM outbox WHERE job_name = $1 AND payload->>'invoiceId' = $2 AND payload->>'trigger' = $3`,
      [JobName.CollectInvoice, invoiceId, trigger],
    );
    return Number(count);
  };
  const stepJob = async (invoiceId: string, step: number): Promise<Job | undefined> => {
    await t.drainJobs();
    return queues.get(QueueName.Payments).getJob(`dunning-${invoiceId}-${step}`);
  };
  /** Runs a delayed step now, as if its day had come. */
  const promote = async (invoiceId: string, step: number): Promise<void> => {
    const job = await stepJob(invoiceId, step);
    expect(await job?.isDelayed()).toBe(true);
    await job!.promote();
    await t.drainJobs();
  };

  /** A customer (with an active subscription when asked) and a finalized invoice of 100.00 EUR. */
  const scenario = async (
    options: { subscription?: boolean; customerId?: string } = {},
  ): Promise<Scenario> => {
    const email = `dunning-${randomBytes(4).toString('hex')}@acme.test`;
    const customerId = options.customerId ?? (await createCustomer(t, owner, { billingEmails: [email] })).id;
    let subscriptionId: string | null = null;
    if (options.subscription) {
      const plan = await api()
        .post('/v1/plans', {
          code: `plan_${randomBytes(4).toString('hex')}`,
          name: 'Plan',
          currency: 'EUR',
          interval: 'month',
          baseFee: 1000,
          trialDays: 0,
        })
        .expect(201);
      const subscription = await api()
        .post('/v1/subscriptions', { customerId, planCode: (plan.body as { code: string }).code })
        .expect(201);
      subscriptionId = (subscription.body as { id: string }).id;
    }
    const invoice = await invoices.createFinalized(owner.orgId, {
      customerId,
      subscriptionId,
      lines: [{ kind: 'one_off', description: 'Service', quantity: '1', unitAmount: '100' }],
    });
    return { customerId, email, invoiceId: invoice.id, subscriptionId };
  };

  /**
   * What collection does when Stripe declines a charge: a failed stripe payment, `payment.failed` and
   * `onCollectionFailed`, in one transaction. Returns the payment id.
   */
  const decline = (s: Scenario, declineCode = 'insufficient_funds', paymentId = newId()): Promise<string> =>
    tx.run(async (manager) => {
      if (!(await manager.findOneBy(Payment, { id: paymentId })))
        await manager.insert(Payment, {
          id: paymentId,
          orgId: owner.orgId,
          customerId: s.customerId,
          provider: 'stripe',
          method: 'card',
          amount: 10000,
          currency: 'EUR',
          status: 'failed',
          failureCode: 'card_declined',
          failureMessage: 'Your card was declined.',
        });
      await jobs.enqueue(JobName.PaymentFailed, {
        orgId: owner.orgId,
        paymentId,
        customerId: s.customerId,
        amount: 10000,
        currency: 'EUR',
        invoiceIds: [s.invoiceId],
        provider: 'stripe',
      });
      await dunning.onCollectionFailed(owner.orgId, {
        invoiceId: s.invoiceId,
        customerId: s.customerId,
        paymentId,
        failureCode: 'card_declined',
        declineCode,
      });
      return paymentId;
    });

  beforeAll(async () => {
    t = await startPaymentsApp();
    db = t.app.get(DataSource);
    tx = t.app.get(TransactionContext);
    jobs = t.app.get(JobQueue);
    dunning = t.app.get(DunningService);
    invoices = t.app.get(InvoicesService);
    queues = t.app.get(QueueRegistry);
    owner = await signUpAndLogin(t, 'dunning');
  });
  afterAll(() => t.stop());

  it('a declined charge starts dunning: the next retry is a delayed job that enqueues a collection, once', async () => {
    await settings({ retryScheduleDays: [1, 3, 5, 7], gracePeriodDays: 3, reminderEmails: true });
    const s = await scenario();
    const paymentId = await decline(s);

    const started = await state(s.invoiceId);
    const first = new Date(started.firstFailedAt).getTime();
    expect(started).toMatchObject({ status: 'active', retriesDone: 0, hardDecline: false, pastDueAt: null });
    expect(new Date(started.nextAttemptAt!).getTime()).toBe(first + DAY_MS);
    expect(started.schedule.map((step) => new Date(step.at).getTime() - first)).toEqual(
      [1, 3, 5, 7].map((days) => days * DAY_MS),
    );
    expect(started.attempts).toEqual([
      expect.objectContaining({ paymentId, status: 'failed', failureCode: 'card_declined' }),
    ]);

    const retry = await stepJob(s.invoiceId, 1);
    expect(retry?.name).toBe(JobName.DunningStep);
    expect(retry?.data).toEqual({ orgId: owner.orgId, invoiceId: s.invoiceId, step: 1 });
    expect(await retry?.isDelayed()).toBe(true);
    expect(retry!.opts.delay).toBeGreaterThan(DAY_MS - 60_000);
    expect(retry!.opts.delay).toBeLessThanOrEqual(DAY_MS);
    const grace = await stepJob(s.invoiceId, 0);
    expect(retry!.opts.delay).toBeLessThan(grace!.opts.delay!);
    expect(grace!.opts.delay).toBeLessThanOrEqual(3 * DAY_MS);

    expect(await collectJobs(s.invoiceId, 'dunning_retry')).toBe(0);
    await promote(s.invoiceId, 1);
    expect(await collectJobs(s.invoiceId, 'dunning_retry')).toBe(1);
    expect(await state(s.invoiceId)).toMatchObject({ retriesDone: 1, nextAttemptAt: null });

    // The same step again (a duplicate job, a replay): nothing more.
    await queues.get(QueueName.Payments).add(JobName.DunningStep, retry!.data);
    await t.drainJobs();
    await dunning.runStep(owner.orgId, s.invoiceId, 1);
    expect(await collectJobs(s.invoiceId, 'dunning_retry')).toBe(1);
    expect(await state(s.invoiceId)).toMatchObject({ retriesDone: 1, nextAttemptAt: null });

    // The retry failed: step 2 is planned on day 3.
    await decline(s);
    const afterRetry = await state(s.invoiceId);
    expect(new Date(afterRetry.nextAttemptAt!).getTime()).toBe(first + 3 * DAY_MS);
    expect(afterRetry.attempts).toHaveLength(2);
    expect(await (await stepJob(s.invoiceId, 2))?.isDelayed()).toBe(true);
  });

  it('emails the customer once per step, never also the generic payment-failed email', async () => {
    await settings({ retryScheduleDays: [1, 3], reminderEmails: true });
    const s = await scenario();
    const paymentId = await decline(s);
    await decline(s, 'insufficient_funds', paymentId); // the same failure reported twice
    await t.drainJobs();
    const [firstMail] = mailsTo(t, s.email, FAILED);
    expect(mailsTo(t, s.email, FAILED)).toHaveLength(1);
    expect(firstMail.text).toMatch(/insufficient|declined/i);

    // A "pay now" failing between steps is recorded but is no step: no email, the schedule unchanged.
    const before = await state(s.invoiceId);
    await decline(s);
    await t.drainJobs();
    expect(mailsTo(t, s.email, FAILED)).toHaveLength(1);
    const after = await state(s.invoiceId);
    expect(after.nextAttemptAt).toBe(before.nextAttemptAt);
    expect(after.attempts).toHaveLength(2);

    await promote(s.invoiceId, 1);
    await decline(s);
    await t.drainJobs();
    expect(mailsTo(t, s.email, FAILED)).toHaveLength(2);
  });

  it('sends no email when the org turned reminder emails off', async () => {
    await settings({ retryScheduleDays: [1], reminderEmails: false });
    const s = await scenario();
    await decline(s);
    await t.drainJobs();
    expect(mailsTo(t, s.email, FAILED)).toHaveLength(0);
    await settings({ reminderEmails: true });
  });

  it('a hard decline is not retried: reminders only, until a new payment method retries at once', async () => {
    await settings({ retryScheduleDays: [1, 2, 4], reminderEmails: true });
    const s = await scenario();
    await decline(s, 'stolen_card');
    expect(await state(s.invoiceId)).toMatchObject({ status: 'active', hardDecline: true });

    await promote(s.invoiceId, 1);
    expect(await collectJobs(s.invoiceId, 'dunning_retry')).toBe(0);
    expect(await state(s.invoiceId)).toMatchObject({ retriesDone: 1, hardDecline: true });
    expect(await (await stepJob(s.invoiceId, 2))?.isDelayed()).toBe(true);
    expect(mailsTo(t, s.email, FAILED)).toHaveLength(1);
    expect(mailsTo(t, s.email, OVERDUE)).toHaveLength(1);

    await dunning.onPaymentMethodAdded(owner.orgId, s.customerId);
    expect(await collectJobs(s.invoiceId, 'payment_method_added')).toBe(1);
    expect(await state(s.invoiceId)).toMatchObject({ status: 'active', hardDecline: false });

    // Retries are back on: the next step charges again.
    await promote(s.invoiceId, 2);
    expect(await collectJobs(s.invoiceId, 'dunning_retry')).toBe(1);
  });

  it.each([
    ['mark_uncollectible', 'uncollectible', 'active'],
    ['pause_subscription', 'open', 'paused'],
    ['cancel_subscription', 'open', 'canceled'],
    ['leave_open', 'open', 'active'],
  ])(
    'the last retry failing takes the final action %s',
    async (finalAction, invoiceAfter, subscriptionAfter) => {
      await settings({ retryScheduleDays: [2], finalAction, gracePeriodDays: 5, reminderEmails: true });
      const s = await scenario({ subscription: true });
      await decline(s);
      expect((await state(s.invoiceId)).plannedFinalAction).toBe(finalAction);
      await promote(s.invoiceId, 1);
      await decline(s);
      await t.drainJobs();

      expect(await state(s.invoiceId)).toMatchObject({
        status: 'exhausted',
        finalAction,
        nextAttemptAt: null,
      });
      expect(await invoiceStatus(s.invoiceId)).toBe(invoiceAfter);
      expect(await subscriptionStatus(s.subscriptionId!)).toBe(subscriptionAfter);
      // The final step once more: nothing happens twice.
      await dunning.runStep(owner.orgId, s.invoiceId, 2);
      expect(await state(s.invoiceId)).toMatchObject({ status: 'exhausted', retriesDone: 1 });
      expect(mailsTo(t, s.email, FAILED)).toHaveLength(2);
    },
  );

  it('after the grace period the subscriptions are past_due until no invoice of the customer is unpaid', async () => {
    await settings({ retryScheduleDays: [1, 3], gracePeriodDays: 2, finalAction: 'leave_open' });
    const a = await scenario({ subscription: true });
    const b = await scenario({ customerId: a.customerId });
    await decline(a);
    await decline(b);
    expect(await subscriptionStatus(a.subscriptionId!)).toBe('active');

    await promote(a.invoiceId, 0);
    await promote(b.invoiceId, 0);
    expect(await subscriptionStatus(a.subscriptionId!)).toBe('past_due');
    expect((await state(a.invoiceId)).pastDueAt).not.toBeNull();

    const pay = (invoiceId: string) =>
      api()
        .post('/v1/payments', {
          customerId: a.customerId,
          amount: 10000,
          currency: 'EUR',
          method: 'bank_transfer',
          allocations: [{ invoiceId, amount: 10000 }],
        })
        .expect(201);
    await pay(a.invoiceId);
    await t.drainJobs();
    expect(await state(a.invoiceId)).toMatchObject({ status: 'recovered', nextAttemptAt: null });
    expect(await subscriptionStatus(a.subscriptionId!)).toBe('past_due'); // b is still unpaid

    await pay(b.invoiceId);
    await t.drainJobs();
    expect(await state(b.invoiceId)).toMatchObject({ status: 'recovered' });
    expect(await subscriptionStatus(a.subscriptionId!)).toBe('active');

    // The steps still queued for a recovered invoice do nothing.
    await promote(a.invoiceId, 1);
    expect(await collectJobs(a.invoiceId, 'dunning_retry')).toBe(0);
  });

  it('a voided invoice stops its dunning', async () => {
    await settings({ retryScheduleDays: [1] });
    const s = await scenario();
    await decline(s);
    await api().post(`/v1/invoices/${s.invoiceId}/void`).expect(200);
    await t.drainJobs();
    expect(await state(s.invoiceId)).toMatchObject({ status: 'stopped', nextAttemptAt: null });
  });

  it('lists dunning by status; unknown and foreign invoices are 404s, bad filters 400', async () => {
    await settings({ retryScheduleDays: [1] });
    const s = await scenario();
    await decline(s);
    const active = await api().get('/v1/dunning').query({ status: 'active', limit: 100 }).expect(200);
    const rows = (active.body as { data: { invoiceId: string; status: string }[] }).data;
    expect(rows.map((r) => r.invoiceId)).toContain(s.invoiceId);
    expect(rows.every((r) => r.status === 'active')).toBe(true);
    const mine = await api().get('/v1/dunning').query({ customerId: s.customerId }).expect(200);
    expect((mine.body as { data: unknown[] }).data).toHaveLength(1);
    await api().get('/v1/dunning').query({ status: 'nope' }).expect(400);

    const never = await createFinalizedInvoice(t, owner);
    const missing = await api().get(`/v1/invoices/${never.id}/dunning`).expect(404);
    expect(missing.body.code).toBe('dunning_not_found');
    const stranger = await signUpAndLogin(t, 'dunning-stranger');
    const foreign = await api(stranger).get(`/v1/invoices/${s.invoiceId}/dunning`).expect(404);
    expect(foreign.body.code).toBe('invoice_not_found');
    const none = await api(stranger).get('/v1/dunning').expect(200);
    expect((none.body as { data: unknown[] }).data).toEqual([]);
  });

  it('through Stripe: a declined charge goes into dunning and a new card recovers it at once', async () => {
    const user = await signUpAndLogin(t, 'dunning-stripe');
    await connectStripe(t, user, { webhooks: false });
    const customer = await createCustomer(t, user, { collectionMethod: 'charge_automatically' });
    await asUser(t, user)
      .post(`/v1/customers/${customer.id}/payment-methods`, { paymentMethodId: 'pm_card_chargeCustomerFail' })
      .expect(201);
    const invoice = await createFinalizedInvoice(t, user, { customerId: customer.id });
    await t.drainJobs();
    const declined = (await asUser(t, user).get(`/v1/invoices/${invoice.id}/dunning`).expect(200))
      .body as DunningBody;
    expect(declined).toMatchObject({ status: 'active', retriesDone: 0 });
    expect(declined.attempts).toEqual([expect.objectContaining({ status: 'failed' })]);

    await asUser(t, user)
      .post(`/v1/customers/${customer.id}/payment-methods`, {
        paymentMethodId: 'pm_card_visa',
        default: true,
      })
      .expect(201);
    await t.drainJobs();
    const recovered = (await asUser(t, user).get(`/v1/invoices/${invoice.id}/dunning`).expect(200))
      .body as DunningBody;
    expect(recovered).toMatchObject({ status: 'recovered', nextAttemptAt: null });
    expect(recovered.attempts.map((a) => a.status)).toEqual(['failed', 'succeeded']);
    const paid = await asUser(t, user).get(`/v1/invoices/${invoice.id}`).expect(200);
    expect(paid.body.status).toBe('paid');
  });

  it('through Stripe: a retry with no payment method left counts as failed, and the final action still comes', async () => {
    const user = await signUpAndLogin(t, 'dunning-no-method');
    const connected = await connectStripe(t, user, { webhooks: false });
    await asUser(t, user)
      .put('/v1/payments/settings', { retryScheduleDays: [1], finalAction: 'mark_uncollectible' })
      .expect(200);
    const customer = await createCustomer(t, user, { collectionMethod: 'charge_automatically' });
    const card = await asUser(t, user)
      .post(`/v1/customers/${customer.id}/payment-methods`, { paymentMethodId: 'pm_card_chargeCustomerFail' })
      .expect(201);
    const invoice = await createFinalizedInvoice(t, user, { customerId: customer.id });
    await t.drainJobs();
    const dunningOf = async () =>
      (await asUser(t, user).get(`/v1/invoices/${invoice.id}/dunning`).expect(200)).body as DunningBody;
    expect(await dunningOf()).toMatchObject({ status: 'active', retriesDone: 0 });

    await asUser(t, user)
      .delete(`/v1/customers/${customer.id}/payment-methods/${(card.body as { id: string }).id}`)
      .expect(204);
    await promote(invoice.id, 1);

    const ended = await dunningOf();
    expect(ended).toMatchObject({ status: 'exhausted', retriesDone: 1, finalAction: 'mark_uncollectible' });
    expect(ended.attempts.map((a) => a.status)).toEqual(['failed']);
    expect((await asUser(t, user).get(`/v1/invoices/${invoice.id}`).expect(200)).body.status).toBe(
      'uncollectible',
    );
    const intents = t.emulator.control.objects<Stripe.PaymentIntent>(connected.apiKey, 'payment_intents');
    expect(intents.filter((i) => i.metadata.invoice_id === invoice.id)).toHaveLength(1);
  });
});
