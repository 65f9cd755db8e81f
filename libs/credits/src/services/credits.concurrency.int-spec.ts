import { randomUUID } from 'node:crypto';
import { CreditsTestContext, startCreditsContext } from '../../../../test/kit/credits-test-kit';

describe('CreditsService under concurrent finalizations (Postgres)', () => {
  let t: CreditsTestContext;

  beforeAll(async () => {
    t = await startCreditsContext();
  });
  afterAll(() => t.close());

  it('never spends the same credit twice: 20 invoices wanting 30 each share one grant of 100', async () => {
    const { orgId, customerId } = await t.newCustomer();
    const { grantId } = await t.credits.grant(orgId, {
      customerId,
      currency: 'EUR',
      amount: 100,
      type: 'promotional',
      source: 'manual',
    });

    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.credits.applyToInvoice(orgId, {
          invoiceId: randomUUID(),
          customerId,
          currency: 'EUR',
          maxAmount: 30,
        }),
      ),
    );

    const applied = results.map((r) => r.applied);
    expect(applied.reduce((sum, a) => sum + a, 0)).toBe(100);
    expect([...applied].sort((a, b) => b - a).slice(0, 4)).toEqual([30, 30, 30, 10]);
    const [grant] = await t.db.query(
      'SELECT remaining_amount::int AS remaining, status FROM credit_grants WHERE id = $1',
      [grantId],
    );
    expect(grant).toEqual({ remaining: 0, status: 'depleted' });
    const [{ total }] = await t.db.query(
      'SELECT coalesce(sum(amount), 0)::int AS total FROM credit_applications WHERE grant_id = $1',
      [grantId],
    );
    expect(total).toBe(100);
    expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(0);
  });

  it('keeps the ledger equal to the remaining grants when spends race over several grants', async () => {
    const { orgId, customerId } = await t.newCustomer();
    for (const amount of [45, 25, 60])
      await t.credits.grant(orgId, {
        customerId,
        currency: 'EUR',
        amount,
        type: 'goodwill',
        source: 'manual',
      });

    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.credits.applyToInvoice(orgId, {
          invoiceId: randomUUID(),
          customerId,
          currency: 'EUR',
          maxAmount: 7 + i,
        }),
      ),
    );

    const applied = results.reduce((sum, r) => sum + r.applied, 0);
    const [{ remaining }] = await t.db.query(
      'SELECT sum(remaining_amount)::int AS remaining FROM credit_grants WHERE org_id = $1',
      [orgId],
    );
    // The invoices want 7 + 8 + … + 18 = 150 between them, more than the 130 granted.
    expect(applied).toBe(130);
    expect(remaining).toBe(130 - applied);
    expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(remaining);
  });

  it('applies once when the same invoice is finalized twice at the same time', async () => {
    const { orgId, customerId } = await t.newCustomer();
    await t.credits.grant(orgId, {
      customerId,
      currency: 'EUR',
      amount: 100,
      type: 'goodwill',
      source: 'manual',
    });
    const invoiceId = randomUUID();

    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.credits.applyToInvoice(orgId, { invoiceId, customerId, currency: 'EUR', maxAmount: 30 }),
      ),
    );

    expect(results.map((r) => r.applied)).toEqual([30, 30, 30, 30, 30]);
    const [{ n, total }] = await t.db.query(
      'SELECT count(*)::int AS n, sum(amount)::int AS total FROM credit_applications WHERE invoice_id = $1',
      [invoiceId],
    );
    expect({ n, total }).toEqual({ n: 1, total: 30 });
    expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(70);
  });
});
