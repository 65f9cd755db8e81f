import { randomUUID } from 'node:crypto';
import { AppError } from '@app/core';
import { CreditsTestContext, startCreditsContext } from '../../../../test/kit/credits-test-kit';
import { GrantCreditInput } from '../credits.types';

const HOUR = 3_600_000;

describe('CreditsService (Postgres)', () => {
  let t: CreditsTestContext;

  beforeAll(async () => {
    t = await startCreditsContext();
  });
  afterAll(() => t.close());

  const grant = async (orgId: string, customerId: string, overrides: Partial<GrantCreditInput> = {}) =>
    (
      await t.credits.grant(orgId, {
        customerId,
        currency: 'EUR',
        amount: 100,
        type: 'promotional',
        source: 'manual',
        ...overrides,
      })
    ).grantId;

  const apply = (
    orgId: string,
    customerId: string,
    maxAmount: number,
    invoiceId = randomUUID(),
    currency = 'EUR',
  ) => t.credits.applyToInvoice(orgId, { invoiceId, customerId, currency, maxAmount });

  const grantRow = async (id: string) => {
    const [row] = await t.db.query(
      `SELECT remaining_amount::int AS remaining, expired_amount::int AS expired, voided_amount::int AS voided,
              status FROM credit_grants WHERE id = $1`,
      [id],
    );
    return row as { remaining: number; expired: number; voided: number; status: string };
  };

  const expireNow = (grantId: string) =>
    t.db.query(`UPDATE credit_grants SET expires_at = now() - interval '1 second' WHERE id = $1`, [grantId]);

  describe('grant', () => {
    it('creates an active grant and posts Dr funding account, Cr customer credit', async () => {
      const { orgId, customerId } = await t.newCustomer();
      const id = await grant(orgId, customerId, { amount: 250, type: 'purchased' });

      expect(await grantRow(id)).toEqual({ remaining: 250, expired: 0, voided: 0, status: 'active' });
      const lines = await t.db.query(
        `SELECT l.account, l.customer_id, l.debit::int, l.credit::int FROM ledger_lines l
           JOIN ledger_journals j ON j.id = l.journal_id
          WHERE j.org_id = $1 AND j.kind = 'credit_granted' AND j.source_id = $2 ORDER BY l.account`,
        [orgId, id],
      );
      expect(lines).toEqual([
        { account: 'cash_clearing', customer_id: null, debit: 250, credit: 0 },
        { account: 'customer_credit', customer_id: customerId, debit: 0, credit: 250 },
      ]);
    });

    it.each([
      ['amount', { amount: -5 }],
      ['amount', { amount: 10.5 }],
      ['amount', { amount: 0 }],
      ['currency', { currency: 'EURO' }],
      ['expiresAt', { expiresAt: new Date(Date.now() - HOUR) }],
      ['customerId', { customerId: randomUUID() }],
    ])('rejects a bad %s with a 422 naming it and writes nothing', async (field, overrides) => {
      const { orgId, customerId } = await t.newCustomer();
      const error = await grant(orgId, customerId, overrides as Partial<GrantCreditInput>).catch((e) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ status: 422, code: 'invalid_credit_grant' });
      expect((error as AppError).errors?.map((e) => e.field)).toEqual([field]);
      const [{ n }] = await t.db.query('SELECT count(*)::int AS n FROM credit_grants WHERE org_id = $1', [
        orgId,
      ]);
      expect(n).toBe(0);
    });

    it("refuses another organisation's customer", async () => {
      const { customerId } = await t.newCustomer();
      const other = await t.newCustomer();
      await expect(grant(other.orgId, customerId)).rejects.toMatchObject({ status: 422 });
    });
  });

  describe('applyToInvoice', () => {
    it('spends by priority, then earliest expiry, then oldest, using grants partially', async () => {
      const { orgId, customerId } = await t.newCustomer();
      const oldestNoExpiry = await grant(orgId, customerId, { amount: 100 });
      const laterExpiry = await grant(orgId, customerId, {
        amount: 100,
        expiresAt: new Date(Date.now() + 48 * HOUR),
      });
      const earlierExpiry = await grant(orgId, customerId, {
        amount: 100,
        expiresAt: new Date(Date.now() + 24 * HOUR),
      });
      const newerNoExpiry = await grant(orgId, customerId, { amount: 100 });
      const lowPriority = await grant(orgId, customerId, { amount: 100, priority: 5 });
      const firstPriority = await grant(orgId, customerId, { amount: 50, priority: -1 });

      const result = await apply(orgId, customerId, 420);

      expect(result.applied).toBe(420);
      expect(result.applications.map((a) => [a.grantId, a.amount])).toEqual([
        [firstPriority, 50],
        [earlierExpiry, 100],
        [laterExpiry, 100],
        [oldestNoExpiry, 100],
        [newerNoExpiry, 70],
      ]);
      expect(await grantRow(firstPriority)).toMatchObject({ remaining: 0, status: 'depleted' });
      expect(await grantRow(newerNoExpiry)).toMatchObject({ remaining: 30, status: 'active' });
      expect(await grantRow(lowPriority)).toMatchObject({ remaining: 100 });
      expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(130);
    });

    it('applies no more than the grants hold, only in the invoice currency, never expired credit', async () => {
      const { orgId, customerId } = await t.newCustomer();
      await grant(orgId, customerId, { amount: 40 });
      await grant(orgId, customerId, { amount: 500, currency: 'USD' });
      const expired = await grant(orgId, customerId, { amount: 300, expiresAt: new Date(Date.now() + HOUR) });
      await expireNow(expired);

      const result = await apply(orgId, customerId, 1000);

      expect(result.applied).toBe(40);
      expect(result.applications).toHaveLength(1);
      expect(await grantRow(expired)).toMatchObject({ remaining: 300 });
      const usd = await apply(orgId, customerId, 120, randomUUID(), 'USD');
      expect(usd.applied).toBe(120);
    });

    it('is idempotent per invoice: a second call applies nothing and returns the first applications', async () => {
      const { orgId, customerId } = await t.newCustomer();
      await grant(orgId, customerId, { amount: 100 });
      const invoiceId = randomUUID();
      const first = await apply(orgId, customerId, 30, invoiceId);
      const second = await apply(orgId, customerId, 30, invoiceId);

      expect(second).toEqual(first);
      expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(70);
    });

    it('rejects a negative or fractional maximum with a 422', async () => {
      const { orgId, customerId } = await t.newCustomer();
      await expect(apply(orgId, customerId, -1)).rejects.toMatchObject({
        status: 422,
        code: 'invalid_credit_application',
      });
      await expect(apply(orgId, customerId, 1.5)).rejects.toMatchObject({ status: 422 });
    });

    it('rolls back with the caller: a failed finalization spends nothing', async () => {
      const { orgId, customerId } = await t.newCustomer();
      const id = await grant(orgId, customerId, { amount: 100 });
      await expect(
        t.tx.run(async () => {
          await apply(orgId, customerId, 60);
          throw new Error('finalization failed');
        }),
      ).rejects.toThrow('finalization failed');
      expect(await grantRow(id)).toMatchObject({ remaining: 100, status: 'active' });
      expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(100);
    });
  });

  describe('restoreForInvoice', () => {
    it("gives an invoice's credit back to its grants once, and posts the reversal", async () => {
      const { orgId, customerId } = await t.newCustomer();
      const a = await grant(orgId, customerId, { amount: 50, priority: 0 });
      const b = await grant(orgId, customerId, { amount: 100, priority: 1 });
      const invoiceId = randomUUID();
      await apply(orgId, customerId, 80, invoiceId);

      expect(await t.credits.restoreForInvoice(orgId, invoiceId)).toEqual({ restored: 80 });
      expect(await t.credits.restoreForInvoice(orgId, invoiceId)).toEqual({ restored: 0 });

      expect(await grantRow(a)).toMatchObject({ remaining: 50, status: 'active' });
      expect(await grantRow(b)).toMatchObject({ remaining: 100, status: 'active' });
      expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(150);
      const again = await apply(orgId, customerId, 80, invoiceId);
      expect(again.applied).toBe(0);
    });

    it('restores into an expired grant, which the next expiry run expires again', async () => {
      const { orgId, customerId } = await t.newCustomer();
      const id = await grant(orgId, customerId, { amount: 100, expiresAt: new Date(Date.now() + HOUR) });
      const invoiceId = randomUUID();
      await apply(orgId, customerId, 60, invoiceId);
      await expireNow(id);
      await t.credits.expireDue();
      expect(await grantRow(id)).toMatchObject({ remaining: 0, expired: 40, status: 'expired' });

      await t.credits.restoreForInvoice(orgId, invoiceId);
      expect(await grantRow(id)).toMatchObject({ remaining: 60, status: 'active' });
      expect((await apply(orgId, customerId, 60)).applied).toBe(0);

      await t.credits.expireDue();
      expect(await grantRow(id)).toMatchObject({ remaining: 0, expired: 100, status: 'expired' });
      expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(0);
    });

    it('voids again what comes back to a voided grant', async () => {
      const { orgId, customerId } = await t.newCustomer();
      const id = await grant(orgId, customerId, { amount: 100 });
      const invoiceId = randomUUID();
      await apply(orgId, customerId, 30, invoiceId);
      await t.credits.voidGrant(orgId, id);
      await t.credits.restoreForInvoice(orgId, invoiceId);

      expect(await grantRow(id)).toMatchObject({ remaining: 0, voided: 100, status: 'voided' });
      expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(0);
    });
  });

  describe('expiry job', () => {
    it('expires what remains past expiry, posts it by grant type, and does nothing on a re-run', async () => {
      const { orgId, customerId } = await t.newCustomer();
      const soon = new Date(Date.now() + HOUR);
      const promo = await grant(orgId, customerId, { amount: 100, expiresAt: soon });
      const purchased = await grant(orgId, customerId, { amount: 70, type: 'purchased', expiresAt: soon });
      const refund = await grant(orgId, customerId, { amount: 20, type: 'refund', expiresAt: soon });
      const future = await grant(orgId, customerId, {
        amount: 10,
        expiresAt: new Date(Date.now() + 24 * HOUR),
      });
      await apply(orgId, customerId, 30);
      for (const id of [promo, purchased, refund]) await expireNow(id);

      expect(await t.credits.expireDue()).toBeGreaterThanOrEqual(3);
      expect(await grantRow(promo)).toMatchObject({ remaining: 0, expired: 70, status: 'expired' });
      expect(await grantRow(purchased)).toMatchObject({ remaining: 0, expired: 70, status: 'expired' });
      expect(await grantRow(future)).toMatchObject({ remaining: 10, status: 'active' });

      const credited = await t.db.query(
        `SELECT l.account, l.credit::int FROM ledger_lines l JOIN ledger_journals j ON j.id = l.journal_id
          WHERE j.org_id = $1 AND j.source_type = 'credit_expiry' AND l.credit > 0 ORDER BY l.account`,
        [orgId],
      );
      expect(credited).toEqual([
        { account: 'discounts', credit: 70 },
        { account: 'refunds', credit: 20 },
        { account: 'revenue', credit: 70 },
      ]);
      expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(10);

      await t.credits.expireDue();
      expect(await grantRow(promo)).toMatchObject({ expired: 70 });
      expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(10);
    });
  });

  describe('voidGrant', () => {
    it('voids the remainder back to the funding account, once', async () => {
      const { orgId, customerId } = await t.newCustomer();
      const id = await grant(orgId, customerId, { amount: 100, type: 'goodwill' });
      await apply(orgId, customerId, 25);
      await t.credits.voidGrant(orgId, id);

      expect(await grantRow(id)).toMatchObject({ remaining: 0, voided: 75, status: 'voided' });
      expect(await t.ledgerCredit(orgId, customerId, 'EUR')).toBe(0);
      await expect(t.credits.voidGrant(orgId, id)).rejects.toMatchObject({
        status: 409,
        code: 'credit_grant_voided',
      });
      const other = await t.newCustomer();
      await expect(t.credits.voidGrant(other.orgId, id)).rejects.toMatchObject({ status: 404 });
    });
  });
});
