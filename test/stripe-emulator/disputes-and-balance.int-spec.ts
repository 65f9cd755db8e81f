import Stripe from 'stripe';
import { waitFor } from '../kit/wait-for';
import { startStripeEmulator, StripeEmulator } from './server';
import { newTestKey, stripeClient } from './test-support';

describe('Stripe emulator: disputes and balance transactions', () => {
  let emulator: StripeEmulator;
  let apiKey: string;
  let stripe: Stripe;

  beforeAll(async () => {
    emulator = await startStripeEmulator();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    apiKey = newTestKey();
    stripe = stripeClient(emulator, apiKey);
  });

  const pay = (amount: number, paymentMethod = 'pm_card_visa') =>
    stripe.paymentIntents.create({ amount, currency: 'usd', payment_method: paymentMethod, confirm: true });

  const disputeOf = (intentId: string) =>
    waitFor(
      async () => (await stripe.disputes.list({ payment_intent: intentId })).data[0],
      5_000,
      'the dispute',
    );

  it('opens a dispute shortly after a pm_card_createDispute charge and withdraws amount plus fee', async () => {
    const intent = await pay(5000, 'pm_card_createDispute');
    const dispute = await disputeOf(intent.id);
    expect(dispute).toMatchObject({ status: 'needs_response', amount: 5000, reason: 'fraudulent' });
    expect(dispute.balance_transactions[0]).toMatchObject({
      amount: -5000,
      fee: 1500,
      net: -6500,
      type: 'adjustment',
    });
    expect((await stripe.charges.retrieve(intent.latest_charge as string)).disputed).toBe(true);

    emulator.control.closeDispute(apiKey, dispute.id, 'won');
    const won = await stripe.disputes.retrieve(dispute.id);
    expect(won.status).toBe('won');
    expect(won.balance_transactions.map((t) => t.net)).toEqual([-6500, 6500]);
    const types = emulator.control.events(apiKey).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['charge.dispute.created', 'charge.dispute.closed']));
  });

  it('loses an unanswered dispute once time passes its evidence deadline', async () => {
    const intent = await pay(3000, 'pm_card_createDispute');
    const dispute = await disputeOf(intent.id);
    emulator.control.advanceTime(6 * 86_400);
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe('needs_response');
    emulator.control.advanceTime(2 * 86_400);
    expect(await stripe.disputes.retrieve(dispute.id)).toMatchObject({
      status: 'lost',
      evidence_details: { past_due: true },
    });
  });

  it('moves a dispute under review on evidence, then the test decides', async () => {
    const intent = await pay(3000, 'pm_card_createDispute');
    const dispute = await disputeOf(intent.id);
    const updated = await stripe.disputes.update(dispute.id, {
      evidence: { uncategorized_text: 'delivered' },
    });
    expect(updated.status).toBe('under_review');
    emulator.control.closeDispute(apiKey, dispute.id, 'lost');
    expect((await stripe.disputes.retrieve(dispute.id)).status).toBe('lost');
    expect(emulator.control.events(apiKey).map((e) => e.type)).toContain('charge.dispute.updated');
  });

  it('lists balance transactions newest first with pagination and created filters', async () => {
    for (let i = 1; i <= 12; i++) await pay(1000 + i);
    const later = emulator.control.advanceTime(3600);
    for (let i = 13; i <= 15; i++) await pay(1000 + i);

    const first = await stripe.balanceTransactions.list({ limit: 10 });
    expect(first.has_more).toBe(true);
    expect(first.data.map((t) => t.amount)).toEqual([
      1015, 1014, 1013, 1012, 1011, 1010, 1009, 1008, 1007, 1006,
    ]);
    const second = await stripe.balanceTransactions.list({ limit: 10, starting_after: first.data[9].id });
    expect(second.has_more).toBe(false);
    expect(second.data.map((t) => t.amount)).toEqual([1005, 1004, 1003, 1002, 1001]);

    const recent = await stripe.balanceTransactions.list({ created: { gte: later } });
    expect(recent.data.map((t) => t.amount)).toEqual([1015, 1014, 1013]);
    const older = await stripe.balanceTransactions.list({ created: { lt: later }, limit: 100 });
    expect(older.data).toHaveLength(12);
    const all = await stripe.balanceTransactions.list({ limit: 4 }).autoPagingToArray({ limit: 100 });
    expect(all).toHaveLength(15);
    expect(all.every((t) => t.fee === Math.round((t.amount * 290) / 10_000) + 30)).toBe(true);
  });

  it('lets reconciliation tests plant and delete objects', async () => {
    const intent = await pay(2000);
    const planted = emulator.control.plantBalanceTransaction(apiKey, {
      amount: 777,
      currency: 'usd',
      fee: 53,
      type: 'charge',
      reporting_category: 'charge',
      source: 'ch_unknown',
    });
    expect(await stripe.balanceTransactions.retrieve(planted.id)).toMatchObject({ amount: 777, net: 724 });
    expect(emulator.control.deleteObject(apiKey, intent.id)).toBe(true);
    await expect(stripe.paymentIntents.retrieve(intent.id)).rejects.toMatchObject({
      code: 'resource_missing',
    });
    expect(emulator.control.deleteObject(newTestKey(), planted.id)).toBe(false);
  });
});
