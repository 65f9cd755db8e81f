import { DataSource } from 'typeorm';
import {
  SignedUpUser,
  asUser,
  mailsTo,
  signUpAndLogin,
  waitForMail,
} from '../../../../test/kit/auth-test-kit';
import {
  ConnectedStripe,
  PaymentsTestApp,
  connectStripe,
  startPaymentsApp,
} from '../../../../test/kit/stripe-test-kit';
import { Refund as EmulatorRefund } from '../../../../test/stripe-emulator';
import {
  assertBooks,
  manuallyPaidInvoice,
  stripePaidInvoice,
} from '../../../../test/kit/stripe-payments-kit';
import { STUCK_AFTER_MS } from '../stripe/stripe-recovery';
import { NEVER_REACHED_STRIPE, StuckRefundsRecoverer } from './stuck-refunds.recoverer';

/** Invoices are the kit's 10000 EUR without tax, so a credit note's lump-sum net is its total. */
describe('refunds: Stripe and offline, from credit notes or customer credit', () => {
  let t: PaymentsTestApp;
  let owner: SignedUpUser;
  let stranger: SignedUpUser;
  let stripe: ConnectedStripe;
  let db: DataSource;

  const api = (user = owner) => asUser(t, user);
  const creditNote = async (invoiceId: string, amount: number, outcome = 'refund') =>
    (
      await api()
        .post(`/v1/invoices/${invoiceId}/credit-notes`, { reason: 'product_unsatisfactory', outcome, amount })
        .expect(201)
    ).body as { id: string; total: number };
  const stripeRefunds = (intentId: string) =>
    t.emulator.control
      .objects<EmulatorRefund>(stripe.apiKey, 'refunds')
      .filter((r) => r.payment_intent === intentId);
  /** Lets the emulator's webhooks arrive and the inbox process them. */
  const settle = async () => {
    await t.emulator.control.deliveriesIdle();
    await t.drainJobs();
  };
  const journals = async (sourceId: string) =>
    (await api().get(`/v1/ledger/journals?sourceId=${sourceId}`).expect(200)).body.data as {
      kind: string;
      sourceType: string;
    }[];

  beforeAll(async () => {
    // A short client timeout, so a lost Stripe answer is retried quickly.
    t = await startPaymentsApp({ STRIPE_TIMEOUT_MS: '1000' });
    db = t.app.get(DataSource);
    owner = await signUpAndLogin(t, 'refunds');
    stranger = await signUpAndLogin(t, 'refunds-stranger');
    stripe = await connectStripe(t, owner);
  });
  afterAll(() => t.stop());

  it('a partial then a full Stripe refund, each paying out a credit note: amounts, statuses, journals, email', async () => {
    const { customer, invoice, payment, intent } = await stripePaidInvoice(t, owner, stripe.apiKey);
    const first = await creditNote(invoice.id, 4000);
    const partial = await api().post(`/v1/credit-notes/${first.id}/refund`, {}).expect(201);
    expect(partial.body).toMatchObject({
      paymentId: payment.id,
      creditNoteId: first.id,
      provider: 'stripe',
      amount: 4000,
      currency: 'EUR',
      status: 'succeeded',
      createdBy: owner.userId,
    });
    expect(stripeRefunds(intent!.id)).toEqual([
      expect.objectContaining({ id: partial.body.providerRefundId, amount: 4000, status: 'succeeded' }),
    ]);
    expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body).toMatchObject({
      status: 'partially_refunded',
      amountRefunded: 4000,
    });
    expect((await api().get(`/v1/credit-notes/${first.id}`).expect(200)).body.refundStatus).toBe('refunded');
    expect(await journals(partial.body.id)).toEqual([
      expect.objectContaining({ kind: 'payment_refunded', sourceType: 'refund' }),
    ]);

    const second = await creditNote(invoice.id, 6000);
    const full = await api()
      .post(`/v1/payments/${payment.id}/refunds`, { creditNoteId: second.id, reason: 'damaged' })
      .expect(201);
    expect(full.body).toMatchObject({ amount: 6000, status: 'succeeded', reason: 'damaged' });
    expect(
      stripeRefunds(intent!.id)
        .map((r) => r.amount)
        .sort(),
    ).toEqual([4000, 6000]);
    expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body).toMatchObject({
      status: 'refunded',
      amountRefunded: 10000,
    });
    const listed = await api().get(`/v1/payments/${payment.id}/refunds`).expect(200);
    expect(listed.body.data.map((r: { id: string }) => r.id)).toEqual([full.body.id, partial.body.id]);

    // The webhooks of both refunds (refund.created, charge.refunded) change nothing more.
    await settle();
    expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body.amountRefunded).toBe(10000);
    const mail = await waitForMail(t, customer.billingEmails[0], /refunded €60\.00/);
    expect(mail.text).toContain('We refunded €60.00 to you');
    expect(mailsTo(t, customer.billingEmails[0], /refunded/)).toHaveLength(2);
    await assertBooks(t, owner.orgId, customer.id);
  });

  it('above what is refundable is a 422 and nothing reaches Stripe; what paid invoices needs a credit note', async () => {
    const { customer, invoice, payment, intent } = await stripePaidInvoice(t, owner, stripe.apiKey);
    const tooMuch = await api().post(`/v1/payments/${payment.id}/refunds`, { amount: 10001 }).expect(422);
    expect(tooMuch.body).toMatchObject({
      code: 'refund_exceeds_refundable',
      errors: [{ field: 'amount', message: expect.stringContaining('10000 still refundable') }],
    });
    const direct = await api().post(`/v1/payments/${payment.id}/refunds`, { amount: 500 }).expect(422);
    expect(direct.body.code).toBe('refund_requires_credit_note');
    const note = await creditNote(invoice.id, 3000);
    await api()
      .post(`/v1/payments/${payment.id}/refunds`, { creditNoteId: note.id, amount: 2000 })
      .expect(422)
      .expect((res) => expect(res.body.code).toBe('invalid_refund'));
    const notRefund = await creditNote(invoice.id, 1000, 'customer_credit');
    await api()
      .post(`/v1/payments/${payment.id}/refunds`, { creditNoteId: notRefund.id })
      .expect(422)
      .expect((res) => expect(res.body.code).toBe('credit_note_not_refundable'));
    await api().post(`/v1/payments/${payment.id}/refunds`, { amount: -5 }).expect(422);
    expect(stripeRefunds(intent!.id)).toEqual([]);
    expect((await api().get(`/v1/refunds?paymentId=${payment.id}`).expect(200)).body.data).toEqual([]);
    await assertBooks(t, owner.orgId, customer.id);
  });

  it('the same request retried with its Idempotency-Key makes one Stripe refund; a paid-out note refuses a second', async () => {
    const { customer, invoice, payment, intent } = await stripePaidInvoice(t, owner, stripe.apiKey);
    const note = await creditNote(invoice.id, 2500);
    const send = () =>
      api()
        .post(`/v1/payments/${payment.id}/refunds`, { creditNoteId: note.id })
        .set('Idempotency-Key', `refund-${note.id}`);
    const first = await send().expect(201);
    const again = await send().expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(first.body.id);
    expect(stripeRefunds(intent!.id)).toHaveLength(1);
    const other = await api()
      .post(`/v1/payments/${payment.id}/refunds`, { creditNoteId: note.id })
      .expect(409);
    expect(other.body.code).toBe('credit_note_already_refunded');
    expect(stripeRefunds(intent!.id)).toHaveLength(1);
    await assertBooks(t, owner.orgId, customer.id);
  });

  it('the Stripe answer lost after the refund was made: the SDK retries with the same key, one refund at Stripe', async () => {
    const { customer, invoice, payment, intent } = await stripePaidInvoice(t, owner, stripe.apiKey);
    const note = await creditNote(invoice.id, 5000);
    t.emulator.control.injectFault({
      kind: 'timeout',
      phase: 'after',
      method: 'POST',
      path: '/v1/refunds',
      hangMs: 3000,
    });
    const refund = await api().post(`/v1/credit-notes/${note.id}/refund`, {}).expect(201);
    expect(refund.body).toMatchObject({ status: 'succeeded', amount: 5000 });
    expect(stripeRefunds(intent!.id)).toEqual([
      expect.objectContaining({ id: refund.body.providerRefundId }),
    ]);
    expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body.amountRefunded).toBe(5000);
    await settle();
    await assertBooks(t, owner.orgId, customer.id);
  });

  describe('recovery of refunds left pending', () => {
    const stuckFor = (ms: number) => new Date(Date.now() + ms);
    /** Every try of the next refund create (the first and the SDK's two retries) fails before Stripe. */
    const neverReachesStripe = () =>
      t.emulator.control.injectFault({
        kind: '500',
        phase: 'before',
        method: 'POST',
        path: '/v1/refunds',
        count: 3,
      });
    afterEach(() => {
      t.emulator.control.clearFaults();
      t.emulator.control.configureDelivery({ paused: false });
    });

    it('a request that never reached Stripe: pending, then sent again with the same key and paid once', async () => {
      const { customer, invoice, payment, intent } = await stripePaidInvoice(t, owner, stripe.apiKey);
      const note = await creditNote(invoice.id, 3000);
      neverReachesStripe();
      const refund = await api().post(`/v1/credit-notes/${note.id}/refund`, {}).expect(201);
      expect(refund.body).toMatchObject({ status: 'pending', providerRefundId: null });
      expect(stripeRefunds(intent!.id)).toHaveLength(0);

      const recoverer = t.app.get(StuckRefundsRecoverer);
      expect(await recoverer.run(new Date())).toBe(0);
      expect(await recoverer.run(stuckFor(STUCK_AFTER_MS + 60_000))).toBe(1);
      expect(await recoverer.run(stuckFor(STUCK_AFTER_MS + 60_000))).toBe(0);
      await settle();

      const recovered = (await api().get(`/v1/refunds/${refund.body.id}`).expect(200)).body;
      expect(recovered).toMatchObject({ status: 'succeeded', amount: 3000 });
      expect(stripeRefunds(intent!.id)).toEqual([
        expect.objectContaining({ id: recovered.providerRefundId, amount: 3000 }),
      ]);
      expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body.amountRefunded).toBe(3000);
      expect((await api().get(`/v1/credit-notes/${note.id}`).expect(200)).body.refundStatus).toBe('refunded');
      await assertBooks(t, owner.orgId, customer.id);
    });

    it('past the idempotency key lifetime: found at Stripe by its metadata, or canceled when Stripe has none', async () => {
      const { customer, invoice, payment, intent } = await stripePaidInvoice(t, owner, stripe.apiKey);
      const lostNote = await creditNote(invoice.id, 2000);
      neverReachesStripe();
      const lost = await api().post(`/v1/credit-notes/${lostNote.id}/refund`, {}).expect(201);
      // Made at Stripe, but its answer and its webhooks lost.
      const madeNote = await creditNote(invoice.id, 1000);
      t.emulator.control.configureDelivery({ paused: true });
      t.emulator.control.injectFault({
        kind: '500',
        phase: 'after',
        method: 'POST',
        path: '/v1/refunds',
        count: 3,
      });
      const made = await api().post(`/v1/credit-notes/${madeNote.id}/refund`, {}).expect(201);
      expect(made.body.status).toBe('pending');

      expect(await t.app.get(StuckRefundsRecoverer).run(stuckFor(25 * 3_600_000))).toBe(2);
      expect((await api().get(`/v1/refunds/${lost.body.id}`).expect(200)).body).toMatchObject({
        status: 'canceled',
        failureReason: NEVER_REACHED_STRIPE,
      });
      expect((await api().get(`/v1/refunds/${made.body.id}`).expect(200)).body.status).toBe('succeeded');
      expect(stripeRefunds(intent!.id)).toEqual([expect.objectContaining({ amount: 1000 })]);
      t.emulator.control.resumeDeliveries();
      await settle();
      expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body.amountRefunded).toBe(1000);

      // What the canceled refund held is refundable again.
      const again = await api().post(`/v1/credit-notes/${lostNote.id}/refund`, {}).expect(201);
      expect(again.body.status).toBe('succeeded');
      expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body.amountRefunded).toBe(3000);
      await settle();
      await assertBooks(t, owner.orgId, customer.id);
    });
  });

  it('a refund that fails at Stripe after it was paid: failed, the payment and the credit note as before', async () => {
    const { customer, invoice, payment } = await stripePaidInvoice(t, owner, stripe.apiKey);
    const note = await creditNote(invoice.id, 10000);
    const refund = await api()
      .post(`/v1/credit-notes/${note.id}/refund`, { paymentId: payment.id })
      .expect(201);
    expect(refund.body.status).toBe('succeeded');
    await settle();
    t.emulator.control.failRefund(stripe.apiKey, refund.body.providerRefundId);
    await settle();
    expect((await api().get(`/v1/refunds/${refund.body.id}`).expect(200)).body).toMatchObject({
      status: 'failed',
      failureReason: 'expired_or_canceled_card',
    });
    expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body).toMatchObject({
      status: 'succeeded',
      amountRefunded: 0,
    });
    expect((await api().get(`/v1/credit-notes/${note.id}`).expect(200)).body.refundStatus).toBe('pending');
    expect((await journals(refund.body.id)).map((j) => j.sourceType).sort()).toEqual([
      'refund',
      'refund_failure',
    ]);
    await assertBooks(t, owner.orgId, customer.id);
    expect(
      (await api().get('/v1/refunds?status=failed').expect(200)).body.data.map((r: { id: string }) => r.id),
    ).toContain(refund.body.id);
  });

  it('offline refunds of a manual payment: from its unallocated credit at once, then a credit note', async () => {
    const { customer, invoice, payment } = await manuallyPaidInvoice(t, owner, 15000);
    expect(payment.amountCredited).toBe(5000);
    const fromCredit = await api()
      .post(`/v1/payments/${payment.id}/refunds`, { amount: 3000, reference: 'WIRE-BACK-1' })
      .expect(201);
    expect(fromCredit.body).toMatchObject({
      provider: 'manual',
      status: 'succeeded',
      amount: 3000,
      reference: 'WIRE-BACK-1',
      providerRefundId: null,
    });
    expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body).toMatchObject({
      status: 'partially_refunded',
      amountRefunded: 3000,
      amountCredited: 2000,
      amountAllocated: 10000,
    });
    await assertBooks(t, owner.orgId, customer.id);
    const beyondCredit = await api().post(`/v1/payments/${payment.id}/refunds`, { amount: 2001 }).expect(422);
    expect(beyondCredit.body.code).toBe('refund_requires_credit_note');

    const note = await creditNote(invoice.id, 10000);
    const paidOut = await api()
      .post(`/v1/credit-notes/${note.id}/refund`, { reference: 'WIRE-BACK-2' })
      .expect(201);
    expect(paidOut.body).toMatchObject({ paymentId: payment.id, amount: 10000, status: 'succeeded' });
    expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body).toMatchObject({
      status: 'partially_refunded',
      amountRefunded: 13000,
    });
    const rest = await api().post(`/v1/payments/${payment.id}/refunds`, {}).expect(201);
    expect(rest.body.amount).toBe(2000);
    expect((await api().get(`/v1/payments/${payment.id}`).expect(200)).body).toMatchObject({
      status: 'refunded',
      amountCredited: 0,
    });
    await waitForMail(t, customer.billingEmails[0], /refunded €100\.00/);
    await assertBooks(t, owner.orgId, customer.id);
    const [{ count }] = await db.query(`SELECT count(*)::int AS count FROM refunds WHERE payment_id = $1`, [
      payment.id,
    ]);
    expect(count).toBe(3);
  });

  it("another organisation's payment, refund or credit note is a 404", async () => {
    const { payment, invoice } = await manuallyPaidInvoice(t, owner, 12000);
    const refund = await api().post(`/v1/payments/${payment.id}/refunds`, { amount: 1000 }).expect(201);
    const note = await creditNote(invoice.id, 1000);
    await api(stranger).post(`/v1/payments/${payment.id}/refunds`, { amount: 1000 }).expect(404);
    await api(stranger).get(`/v1/payments/${payment.id}/refunds`).expect(404);
    await api(stranger).get(`/v1/refunds/${refund.body.id}`).expect(404);
    await api(stranger).post(`/v1/credit-notes/${note.id}/refund`, {}).expect(404);
    expect((await api(stranger).get('/v1/refunds').expect(200)).body.data).toEqual([]);
    await api().get('/v1/refunds/not-a-uuid').expect(404);
  });
});
