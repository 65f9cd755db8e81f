import type Stripe from 'stripe';
import { DataSource } from 'typeorm';
import { SignedUpUser, asUser, signUpAndLogin, waitForMail } from '../../../../test/kit/auth-test-kit';
import {
  ConnectedStripe,
  PaymentsTestApp,
  connectStripe,
  startPaymentsApp,
} from '../../../../test/kit/stripe-test-kit';
import { waitFor } from '../../../../test/kit/wait-for';
import { PaidInvoice, assertBooks, stripePaidInvoice } from '../../../../test/kit/stripe-payments-kit';
import { StripeEventRouter } from '../stripe/stripe-event-router';

interface DisputeBody {
  id: string;
  providerDisputeId: string;
  status: string;
  closedAt: string | null;
  [key: string]: unknown;
}

/** Payments of the kit's 10000 EUR invoices by `pm_card_createDispute`: a dispute opens shortly after. */
describe('disputes: opened from Stripe, won, lost (reopen or write off), one effect per outcome', () => {
  let t: PaymentsTestApp;
  let owner: SignedUpUser;
  let stranger: SignedUpUser;
  let stripe: ConnectedStripe;
  let db: DataSource;

  const api = (user = owner) => asUser(t, user);
  const settle = async () => {
    await t.emulator.control.deliveriesIdle();
    await t.drainJobs();
  };
  /** A card payment whose dispute has opened and been applied through the webhook. */
  const disputedPayment = async (): Promise<PaidInvoice & { dispute: DisputeBody }> => {
    const paid = await stripePaidInvoice(t, owner, stripe.apiKey, 'pm_card_createDispute');
    const dispute = await waitFor(
      async () => {
        await settle();
        const res = await api().get(`/v1/disputes?paymentId=${paid.payment.id}`).expect(200);
        return res.body.data[0] as DisputeBody | undefined;
      },
      10_000,
      'the dispute to arrive',
    );
    return { ...paid, dispute };
  };
  const payment = async (id: string) => (await api().get(`/v1/payments/${id}`).expect(200)).body;
  const invoice = async (id: string) => (await api().get(`/v1/invoices/${id}`).expect(200)).body;
  const journalKinds = async (disputeId: string) =>
    (
      (await api().get(`/v1/ledger/journals?sourceId=${disputeId}`).expect(200)).body.data as {
        kind: string;
        sourceType: string;
      }[]
    )
      .map((j) => `${j.kind}/${j.sourceType}`)
      .sort();
  const outboxCount = async (jobName: string, disputeId: string): Promise<number> => {
    const [{ count }] = await db.query(
      `SELECT count(*)::int AS count FROM outbox WHERE job_name = $1 AND payload->>'disputeId' = $2`,
      [jobName, disputeId],
    );
    return count as number;
  };

  beforeAll(async () => {
    t = await startPaymentsApp();
    db = t.app.get(DataSource);
    owner = await signUpAndLogin(t, 'disputes');
    stranger = await signUpAndLogin(t, 'disputes-stranger');
    stripe = await connectStripe(t, owner);
  });
  afterAll(() => t.stop());

  it('opens from the webhook (payment disputed, funds and fee withdrawn, admins emailed), evidence, then won', async () => {
    const { customer, payment: paid, dispute } = await disputedPayment();
    expect(dispute).toMatchObject({
      paymentId: paid.id,
      customerId: customer.id,
      amount: 10000,
      currency: 'EUR',
      reason: 'fraudulent',
      status: 'needs_response',
      fee: 1500,
      closedAt: null,
    });
    expect(new Date(dispute.evidenceDueBy as string).getTime()).toBeGreaterThan(Date.now());
    expect((await payment(paid.id)).status).toBe('disputed');
    expect(await journalKinds(dispute.id)).toEqual(['dispute_opened/dispute', 'dispute_opened/dispute_fee']);
    const opened = await waitForMail(t, owner.email, /Payment disputed: €100\.00/);
    expect(opened.text).toContain(`/v1/disputes/${dispute.id}/evidence`);
    await assertBooks(t, owner.orgId, customer.id);

    const answered = await api()
      .post(`/v1/disputes/${dispute.id}/evidence`, { text: 'Signed delivery receipt attached.' })
      .expect(200);
    expect(answered.body.status).toBe('under_review');
    const atStripe = t.emulator.control
      .objects<{ id: string; evidence: Record<string, string> } & Stripe.Dispute>(stripe.apiKey, 'disputes')
      .find((d) => d.id === dispute.providerDisputeId);
    expect(atStripe?.evidence.uncategorized_text).toBe('Signed delivery receipt attached.');

    t.emulator.control.closeDispute(stripe.apiKey, dispute.providerDisputeId, 'won');
    await settle();
    const won = (await api().get(`/v1/disputes/${dispute.id}`).expect(200)).body;
    expect(won).toMatchObject({ status: 'won', fee: 0, closedAt: expect.any(String) });
    expect((await payment(paid.id)).status).toBe('succeeded');
    expect(await journalKinds(dispute.id)).toEqual([
      'dispute_opened/dispute',
      'dispute_opened/dispute_fee',
      'dispute_won/dispute',
      'dispute_won/dispute_fee',
    ]);
    await waitForMail(t, owner.email, /Dispute won: €100\.00/);
    await assertBooks(t, owner.orgId, customer.id);
    await api()
      .post(`/v1/disputes/${dispute.id}/accept`)
      .expect(409)
      .expect((res) => expect(res.body.code).toBe('dispute_closed'));
  });

  it('accepted (lost) with reopen_invoice: the invoice is open and owed again; the later webhook changes nothing', async () => {
    const { customer, invoice: inv, payment: paid, dispute } = await disputedPayment();
    const lost = await api().post(`/v1/disputes/${dispute.id}/accept`).expect(200);
    expect(lost.body).toMatchObject({ status: 'lost', fee: 1500, closedAt: expect.any(String) });
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', amountPaid: 0, amountRemaining: 10000 });
    expect(await payment(paid.id)).toMatchObject({ status: 'disputed', amountAllocated: 0 });
    await settle();
    expect(await journalKinds(dispute.id)).toEqual([
      'dispute_lost/dispute',
      'dispute_opened/dispute',
      'dispute_opened/dispute_fee',
    ]);
    expect(await outboxCount('dispute.closed', dispute.id)).toBe(1);
    await waitForMail(t, owner.email, /Dispute lost: €100\.00/);
    await assertBooks(t, owner.orgId, customer.id);
  });

  it('lost with write_off: a chargeback, the invoice stays paid', async () => {
    await api().put('/v1/payments/settings', { disputeLostAction: 'write_off' }).expect(200);
    try {
      const { customer, invoice: inv, payment: paid, dispute } = await disputedPayment();
      t.emulator.control.closeDispute(stripe.apiKey, dispute.providerDisputeId, 'lost');
      await settle();
      expect((await api().get(`/v1/disputes/${dispute.id}`).expect(200)).body.status).toBe('lost');
      expect(await invoice(inv.id)).toMatchObject({ status: 'paid', amountRemaining: 0 });
      expect(await payment(paid.id)).toMatchObject({ status: 'disputed', amountAllocated: 10000 });
      const [line] = await db.query(
        `SELECT l.account, l.debit::int AS debit FROM ledger_lines l JOIN ledger_journals j ON j.id = l.journal_id
          WHERE j.org_id = $1 AND j.kind = 'dispute_lost' AND j.source_id = $2 AND l.debit > 0`,
        [owner.orgId, dispute.id],
      );
      expect(line).toEqual({ account: 'chargebacks', debit: 10000 });
      await assertBooks(t, owner.orgId, customer.id);
    } finally {
      await api().put('/v1/payments/settings', { disputeLostAction: 'reopen_invoice' }).expect(200);
    }
  });

  it('duplicated and reordered dispute events have one effect', async () => {
    const { customer, invoice: inv, dispute } = await disputedPayment();
    t.emulator.control.closeDispute(stripe.apiKey, dispute.providerDisputeId, 'lost');
    await settle();
    const before = await journalKinds(dispute.id);
    const router = t.app.get(StripeEventRouter);
    const events = t.emulator.control
      .events(stripe.apiKey)
      .filter((e) => (e.data.object as { id?: string }).id === dispute.providerDisputeId);
    expect(events.map((e) => e.type).sort()).toEqual(['charge.dispute.closed', 'charge.dispute.created']);
    for (const event of [...events.reverse(), ...events])
      await router.dispatch(owner.orgId, event as unknown as Stripe.Event);
    await t.drainJobs();
    expect(await journalKinds(dispute.id)).toEqual(before);
    expect(await outboxCount('dispute.created', dispute.id)).toBe(1);
    expect(await outboxCount('dispute.closed', dispute.id)).toBe(1);
    expect(await invoice(inv.id)).toMatchObject({ status: 'open', amountRemaining: 10000 });
    await assertBooks(t, owner.orgId, customer.id);
  });

  it('lists with filters and pagination; a payment under dispute refuses refunds; another org sees 404s', async () => {
    const { payment: paid, dispute } = await disputedPayment();
    await api()
      .post(`/v1/payments/${paid.id}/refunds`, {})
      .expect(409)
      .expect((res) => expect(res.body.code).toBe('payment_not_refundable'));
    const open = await api().get('/v1/disputes?status=needs_response').expect(200);
    expect(open.body.data.map((d: DisputeBody) => d.id)).toContain(dispute.id);
    expect(open.body.data.every((d: DisputeBody) => d.status === 'needs_response')).toBe(true);
    const first = await api().get('/v1/disputes?limit=2').expect(200);
    expect(first.body).toMatchObject({ hasMore: true, data: [{ id: dispute.id }, expect.anything()] });
    const next = await api().get(`/v1/disputes?limit=2&cursor=${first.body.nextCursor}`).expect(200);
    expect(next.body.data.map((d: DisputeBody) => d.id)).not.toContain(dispute.id);
    await api(stranger).get(`/v1/disputes/${dispute.id}`).expect(404);
    await api(stranger).post(`/v1/disputes/${dispute.id}/accept`).expect(404);
    expect((await api(stranger).get('/v1/disputes').expect(200)).body.data).toEqual([]);
    await api().post(`/v1/disputes/${dispute.id}/evidence`, { text: '' }).expect(400);
  });
});
