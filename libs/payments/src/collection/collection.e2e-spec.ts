import Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { LedgerAccount } from '@app/ledger';
import { SignedUpUser, asUser, signUpAndLogin } from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { InvoiceBody, createFinalizedInvoice } from '../../../../test/kit/invoicing-test-kit';
import {
  ConnectedStripe,
  PaymentsTestApp,
  connectStripe,
  startPaymentsApp,
} from '../../../../test/kit/stripe-test-kit';
import { stripeClientOptions } from '../../../../test/stripe-emulator';
import { waitFor } from '../../../../test/kit/wait-for';
import { assertCustomerLedger, ledgerBalance } from '../../../../test/kit/ledger-test-kit';
import { StripeEventRouter } from '../stripe/stripe-event-router';
import { PaymentIntentOutcomes } from './payment-intent-outcomes';
import { STUCK_AFTER_MS } from '../stripe/stripe-recovery';
import { StuckPaymentsRecoverer } from './stuck-payments.recoverer';

/** Invoices are the kit's default (2 × 50.00, total 10000) unless said; the emulator's fee is 2.9 % + 30. */
describe('collection: Stripe charges, payment methods, stuck-payment recovery', () => {
  let t: PaymentsTestApp;
  let owner: SignedUpUser;
  let stripeAccount: ConnectedStripe;
  let stripe: Stripe;
  let db: DataSource;

  const api = (user = owner) => asUser(t, user);
  const fee = (amount: number) => Math.round(amount * 0.029) + 30;
  const invoice = async (id: string): Promise<InvoiceBody> =>
    (await api().get(`/v1/invoices/${id}`).expect(200)).body as InvoiceBody;
  const intentsOf = (invoiceId: string) =>
    t.emulator.control
      .paymentIntents(stripeAccount.apiKey)
      .filter((pi) => pi.metadata.invoice_id === invoiceId);
  const attemptsOf = (invoiceId: string): Promise<Record<string, unknown>[]> =>
    db.query(
      `SELECT a.status, a.attempt_number, a.failure_code, a.decline_code, p.status AS payment_status,
              p.provider_payment_id, p.fee
         FROM payment_attempts a JOIN payments p ON p.id = a.payment_id
        WHERE a.invoice_id = $1 ORDER BY a.attempt_number`,
      [invoiceId],
    );
  const outboxCount = async (jobName: string, paymentIdOf: string): Promise<number> => {
    const [{ count }]: { count: string }[] = await db.query(
      `SELECT count(*) FROM outbox WHERE job_name = $1 AND payload->>'paymentId' = $2`,
      [jobName, paymentIdOf],
    );
    return Number(count);
  };

  /** A customer with a saved default method (`token`), charged automatically unless told otherwise. */
  const customerWithMethod = async (token: string, overrides: Record<string, unknown> = {}) => {
    const customer = await createCustomer(t, owner, { currency: 'EUR', ...overrides });
    await api().post(`/v1/customers/${customer.id}/payment-methods`, { paymentMethodId: token }).expect(201);
    return customer;
  };
  const manualCustomerInvoice = async (token: string) => {
    const customer = await customerWithMethod(token, { collectionMethod: 'send_invoice' });
    return createFinalizedInvoice(t, owner, { customerId: customer.id });
  };
  const waitForInvoice = (id: string, status: string) =>
    waitFor(
      async () => {
        await t.drainJobs();
        return (await invoice(id)).status === status;
      },
      15_000,
      `invoice ${id} ${status}`,
    );

  /** docs/ledger.md invariants; cash clearing = Σ succeeded payments − Σ processor fees, per currency. */
  const assertLedgerConsistent = async (customerId: string, currency = 'EUR') => {
    const orgId = owner.orgId;
    await assertCustomerLedger(t.app, orgId, customerId, currency);
    const balance = (account: LedgerAccount) => ledgerBalance(t.app, orgId, currency, account);
    const [{ received, fees }]: { received: string; fees: string }[] = await db.query(
      `SELECT coalesce(sum(amount), 0) AS received, coalesce(sum(fee), 0) AS fees
         FROM payments WHERE org_id = $1 AND status = 'succeeded' AND currency = $2`,
      [orgId, currency],
    );
    expect(await balance(LedgerAccount.ProcessorFees)).toBe(Number(fees));
    expect(await balance(LedgerAccount.CashClearing)).toBe(Number(received) - Number(fees));
  };

  beforeAll(async () => {
    t = await startPaymentsApp();
    db = t.app.get(DataSource);
    owner = await signUpAndLogin(t, 'collection');
    stripeAccount = await connectStripe(t, owner, { webhooks: false });
    stripe = new Stripe(stripeAccount.apiKey, {
      ...stripeClientOptions(t.emulator.url),
      maxNetworkRetries: 0,
    });
  });
  afterAll(() => t.stop());

  it('charges a charge_automatically invoice at finalization: paid, fee posted, ledger balanced', async () => {
    const customer = await customerWithMethod('pm_card_visa');
    const finalized = await createFinalizedInvoice(t, owner, { customerId: customer.id });
    await waitForInvoice(finalized.id, 'paid');
    const [attempt] = await attemptsOf(finalized.id);
    expect(attempt).toMatchObject({ status: 'succeeded', attempt_number: 1, payment_status: 'succeeded' });
    expect(Number(attempt.fee)).toBe(fee(10000));
    const intents = intentsOf(finalized.id);
    expect(intents).toHaveLength(1);
    expect(intents[0]).toMatchObject({ amount: 10000, currency: 'eur', status: 'succeeded' });
    const payments = await api().get(`/v1/invoices/${finalized.id}/payments`).expect(200);
    expect(payments.body.data).toHaveLength(1);
    const paymentId = payments.body.data[0].paymentId as string;
    const payment = await api().get(`/v1/payments/${paymentId}`).expect(200);
    expect(payment.body).toMatchObject({
      provider: 'stripe',
      method: 'card',
      status: 'succeeded',
      amountAllocated: 10000,
      providerPaymentId: intents[0].id,
      providerChargeId: intents[0].latest_charge,
      fee: fee(10000),
    });
    expect(await outboxCount('payment.succeeded', paymentId)).toBe(1);
    await assertLedgerConsistent(customer.id);
  });

  it('a decline fails the payment and the attempt, emits payment.failed, and leaves the invoice open', async () => {
    const customer = await customerWithMethod('pm_card_chargeCustomerFail');
    const finalized = await createFinalizedInvoice(t, owner, { customerId: customer.id });
    const [attempt] = await waitFor(async () => {
      await t.drainJobs();
      const rows = await attemptsOf(finalized.id);
      return rows[0]?.status === 'failed' && rows;
    });
    expect(attempt).toMatchObject({ payment_status: 'failed', failure_code: 'card_declined' });
    const [{ id: paymentId, failure_code }]: { id: string; failure_code: string }[] = await db.query(
      `SELECT p.id, p.failure_code FROM payments p JOIN payment_attempts a ON a.payment_id = p.id WHERE a.invoice_id = $1`,
      [finalized.id],
    );
    expect(failure_code).toBe('card_declined');
    expect(await outboxCount('payment.failed', paymentId)).toBe(1);
    expect(await invoice(finalized.id)).toMatchObject({ status: 'open', amountRemaining: 10000 });
    await assertLedgerConsistent(customer.id);
  });

  it('3-D Secure: pay now answers requires_action with the client secret; authentication then pays', async () => {
    const finalized = await manualCustomerInvoice('pm_card_authenticationRequired');
    const res = await api().post(`/v1/invoices/${finalized.id}/pay`).expect(200);
    expect(res.body).toMatchObject({ status: 'requires_action', attemptNumber: 1, trigger: 'pay_now' });
    expect(res.body.clientSecret).toEqual(expect.stringContaining(res.body.payment.providerPaymentId));
    expect(res.body.payment).toMatchObject({ status: 'pending' });
    const again = await api().post(`/v1/invoices/${finalized.id}/pay`).expect(200);
    expect(again.body.id).toBe(res.body.id);

    t.emulator.control.completeAuthentication(stripeAccount.apiKey, res.body.payment.providerPaymentId);
    const succeeded = t.emulator.control
      .events(stripeAccount.apiKey)
      .find(
        (e) =>
          e.type === 'payment_intent.succeeded' &&
          (e.data.object as { id: string }).id === res.body.payment.providerPaymentId,
      );
    await t.app.get(StripeEventRouter).dispatch(owner.orgId, succeeded as unknown as Stripe.Event);
    await t.app.get(StripeEventRouter).dispatch(owner.orgId, succeeded as unknown as Stripe.Event);
    expect(await invoice(finalized.id)).toMatchObject({ status: 'paid', amountRemaining: 0 });
    expect(await attemptsOf(finalized.id)).toMatchObject([
      { status: 'succeeded', payment_status: 'succeeded' },
    ]);
    expect(intentsOf(finalized.id)).toHaveLength(1);
    await assertLedgerConsistent(finalized.customerId);
  });

  it('a charge left waiting for 3-D Secure is canceled when the invoice is voided, or after the window', async () => {
    const voided = await manualCustomerInvoice('pm_card_authenticationRequired');
    const waiting = await api().post(`/v1/invoices/${voided.id}/pay`).expect(200);
    await api().post(`/v1/invoices/${voided.id}/void`, {}).expect(200);
    await t.drainJobs();
    expect(intentsOf(voided.id)).toMatchObject([
      { id: waiting.body.payment.providerPaymentId, status: 'canceled' },
    ]);
    expect(await attemptsOf(voided.id)).toMatchObject([{ status: 'canceled', payment_status: 'canceled' }]);

    const abandoned = await manualCustomerInvoice('pm_card_authenticationRequired');
    await api().post(`/v1/invoices/${abandoned.id}/pay`).expect(200);
    await t.app.get(StuckPaymentsRecoverer).run(new Date(Date.now() + 25 * 3_600_000));
    expect(await attemptsOf(abandoned.id)).toMatchObject([{ status: 'canceled' }]);
    const next = await api().post(`/v1/invoices/${abandoned.id}/pay`).expect(200);
    expect(next.body).toMatchObject({ attemptNumber: 2, status: 'requires_action' });
  });

  it('50 concurrent pay-now requests on one invoice create exactly one PaymentIntent and pay it once', async () => {
    const finalized = await manualCustomerInvoice('pm_card_visa');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => api().post(`/v1/invoices/${finalized.id}/pay`)),
    );
    for (const res of responses) expect([200, 409]).toContain(res.status);
    const attemptIds = new Set(responses.filter((r) => r.status === 200).map((r) => r.body.id));
    expect(attemptIds.size).toBe(1);
    expect(intentsOf(finalized.id)).toHaveLength(1);
    expect(await attemptsOf(finalized.id)).toHaveLength(1);
    expect(await invoice(finalized.id)).toMatchObject({ status: 'paid', amountPaid: 10000 });
    const allocations = await api().get(`/v1/invoices/${finalized.id}/payments`).expect(200);
    expect(allocations.body.data).toHaveLength(1);
    await assertLedgerConsistent(finalized.customerId);
  });

  it('the answer of the charge is lost: the attempt stays pending, recovery settles it without a second charge', async () => {
    const finalized = await manualCustomerInvoice('pm_card_visa');
    // One more than the SDK's own retries (STRIPE_MAX_NETWORK_RETRIES = 2), all after Stripe charged.
    t.emulator.control.injectFault({ kind: '500', phase: 'after', path: '/v1/payment_intents', count: 3 });
    const res = await api().post(`/v1/invoices/${finalized.id}/pay`).expect(502);
    expect(res.body.code).toBe('stripe_unavailable');
    expect(intentsOf(finalized.id)).toMatchObject([{ status: 'succeeded' }]);
    expect(await attemptsOf(finalized.id)).toMatchObject([
      { status: 'pending', payment_status: 'pending', provider_payment_id: null },
    ]);
    expect(await invoice(finalized.id)).toMatchObject({ status: 'open' });

    const recoverer = t.app.get(StuckPaymentsRecoverer);
    expect(await recoverer.run(new Date())).toBe(0);
    await recoverer.run(new Date(Date.now() + STUCK_AFTER_MS + 60_000));
    expect(await invoice(finalized.id)).toMatchObject({ status: 'paid', amountPaid: 10000 });
    expect(await attemptsOf(finalized.id)).toMatchObject([
      { status: 'succeeded', payment_status: 'succeeded' },
    ]);
    expect(intentsOf(finalized.id)).toHaveLength(1);
    const charges = t.emulator.control
      .objects<{ payment_intent: string } & Stripe.Charge>(stripeAccount.apiKey, 'charges')
      .filter((c) => c.payment_intent === intentsOf(finalized.id)[0].id);
    expect(charges).toHaveLength(1);
    // A late duplicate of the outcome changes nothing.
    await t.app.get(PaymentIntentOutcomes).refresh(owner.orgId, intentsOf(finalized.id)[0].id);
    expect((await api().get(`/v1/invoices/${finalized.id}/payments`).expect(200)).body.data).toHaveLength(1);
    await assertLedgerConsistent(finalized.customerId);
  });

  it('past the idempotency keys lifetime, an attempt Stripe never saw is canceled by recovery', async () => {
    const finalized = await manualCustomerInvoice('pm_card_visa');
    t.emulator.control.injectFault({ kind: '500', phase: 'before', path: '/v1/payment_intents', count: 3 });
    await api().post(`/v1/invoices/${finalized.id}/pay`).expect(502);
    expect(intentsOf(finalized.id)).toHaveLength(0);
    await t.app.get(StuckPaymentsRecoverer).run(new Date(Date.now() + 25 * 3_600_000));
    expect(await attemptsOf(finalized.id)).toMatchObject([
      { status: 'canceled', payment_status: 'canceled' },
    ]);
    expect(intentsOf(finalized.id)).toHaveLength(0);
    const next = await api().post(`/v1/invoices/${finalized.id}/pay`).expect(200);
    expect(next.body).toMatchObject({ attemptNumber: 2, status: 'succeeded' });
    expect(intentsOf(finalized.id)).toHaveLength(1);
  });

  it('a 429 from Stripe is retried by the SDK: one charge', async () => {
    const customer = await customerWithMethod('pm_card_visa');
    t.emulator.control.injectFault({
      kind: '429',
      path: '/v1/payment_intents',
      count: 1,
      retryAfterSeconds: 0,
    });
    const finalized = await createFinalizedInvoice(t, owner, { customerId: customer.id });
    await waitForInvoice(finalized.id, 'paid');
    expect(intentsOf(finalized.id)).toHaveLength(1);
    await assertLedgerConsistent(customer.id);
  });

  it('charges a zero-decimal currency (JPY) in whole yen', async () => {
    const customer = await customerWithMethod('pm_card_visa', { currency: 'JPY' });
    const finalized = await createFinalizedInvoice(t, owner, {
      customerId: customer.id,
      invoice: { lines: [{ kind: 'one_off', description: 'Setup', quantity: '2', unitAmount: '5000' }] },
    });
    expect(finalized).toMatchObject({ currency: 'JPY', total: 10000 });
    await waitForInvoice(finalized.id, 'paid');
    expect(intentsOf(finalized.id)).toMatchObject([{ amount: 10000, currency: 'jpy', status: 'succeeded' }]);
    const [attempt] = await attemptsOf(finalized.id);
    expect(Number(attempt.fee)).toBe(fee(10000));
    await assertLedgerConsistent(customer.id, 'JPY');
  });

  it('saves a method through a SetupIntent, switches the default (also at Stripe) and detaches', async () => {
    const customer = await createCustomer(t, owner, { collectionMethod: 'send_invoice' });
    const setup = await api().post(`/v1/customers/${customer.id}/setup-intents`).expect(201);
    expect(setup.body.clientSecret).toEqual(expect.stringContaining(setup.body.setupIntentId));
    await stripe.setupIntents.confirm(setup.body.setupIntentId, { payment_method: 'pm_card_visa' });
    const succeeded = t.emulator.control
      .events(stripeAccount.apiKey)
      .find(
        (e) =>
          e.type === 'setup_intent.succeeded' &&
          (e.data.object as { id: string }).id === setup.body.setupIntentId,
      );
    await t.app.get(StripeEventRouter).dispatch(owner.orgId, succeeded as unknown as Stripe.Event);
    const listed = await api().get(`/v1/customers/${customer.id}/payment-methods`).expect(200);
    expect(listed.body.data).toMatchObject([{ type: 'card', brand: 'visa', last4: '4242', isDefault: true }]);

    const second = await api()
      .post(`/v1/customers/${customer.id}/payment-methods`, {
        paymentMethodId: 'pm_card_mastercard',
        default: true,
      })
      .expect(201);
    expect(second.body).toMatchObject({ brand: 'mastercard', isDefault: true });
    const [{ stripe_customer_id }]: { stripe_customer_id: string }[] = await db.query(
      'SELECT stripe_customer_id FROM stripe_customers WHERE customer_id = $1',
      [customer.id],
    );
    const atStripe = await stripe.customers.retrieve(stripe_customer_id);
    expect((atStripe as Stripe.Customer).invoice_settings.default_payment_method).toBe(
      second.body.providerPaymentMethodId,
    );
    await api()
      .put(`/v1/customers/${customer.id}/payment-methods/${listed.body.data[0].id}/default`, {})
      .expect(200);
    await api().delete(`/v1/customers/${customer.id}/payment-methods/${second.body.id}`).expect(204);
    const after = await api().get(`/v1/customers/${customer.id}/payment-methods`).expect(200);
    expect(after.body.data).toMatchObject([{ id: listed.body.data[0].id, isDefault: true }]);
  });

  it('refuses what cannot be charged: 409 for a paid invoice or no method, 422 for a refused card, 404 elsewhere', async () => {
    const customer = await createCustomer(t, owner, { collectionMethod: 'send_invoice' });
    const finalized = await createFinalizedInvoice(t, owner, { customerId: customer.id });
    const none = await api().post(`/v1/invoices/${finalized.id}/pay`).expect(409);
    expect(none.body.code).toBe('no_payment_method');
    const refused = await api()
      .post(`/v1/customers/${customer.id}/payment-methods`, { paymentMethodId: 'pm_card_chargeDeclined' })
      .expect(422);
    expect(refused.body.code).toBe('payment_method_refused');
    await api()
      .post(`/v1/customers/${customer.id}/payment-methods`, { paymentMethodId: 'not-a-method' })
      .expect(400);
    await api()
      .post(`/v1/customers/${customer.id}/payment-methods`, { paymentMethodId: 'pm_card_visa' })
      .expect(201);
    await api().post(`/v1/invoices/${finalized.id}/pay`).expect(200);
    const paid = await api().post(`/v1/invoices/${finalized.id}/pay`).expect(409);
    expect(paid.body.code).toBe('invoice_not_collectable');
    const stranger = await signUpAndLogin(t, 'collection-stranger');
    await api(stranger).post(`/v1/invoices/${finalized.id}/pay`).expect(404);
    await api(stranger).get(`/v1/customers/${customer.id}/payment-methods`).expect(404);
  });
});
