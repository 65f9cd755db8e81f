import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  AuthTestApp,
  SignedUpUser,
  addMember,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { CreditsService } from '../services/credits.service';

interface GrantBody {
  id: string;
  customerId: string;
  amount: number;
  remainingAmount: number;
  voidedAmount: number;
  status: string;
  grantedBy: string | null;
  [key: string]: unknown;
}

const HOUR = 3_600_000;

describe('credits API', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let viewer: SignedUpUser;
  let stranger: SignedUpUser;
  let credits: CreditsService;

  const post = (path: string, body: object, token = owner.accessToken) =>
    t
      .http()
      .post(path)
      .set(...bearer(token))
      .send(body);
  const get = (path: string, token = owner.accessToken) =>
    t
      .http()
      .get(path)
      .set(...bearer(token));

  const grant = async (customerId: string, body: object = {}): Promise<GrantBody> => {
    const res = await post(`/v1/customers/${customerId}/credits`, {
      amount: 1000,
      currency: 'EUR',
      type: 'promotional',
      ...body,
    });
    if (res.status !== 201) throw new Error(`grant: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as GrantBody;
  };

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'credits');
    viewer = await addMember(t, owner, 'viewer', 'credits-viewer');
    stranger = await signUpAndLogin(t, 'credits-other');
    credits = t.app.get(CreditsService);
  });
  afterAll(() => t.stop());

  describe('POST /v1/customers/{id}/credits', () => {
    it('grants credit, recording who granted it', async () => {
      const customer = await createCustomer(t, owner);
      const expiresAt = new Date(Date.now() + 24 * HOUR).toISOString();
      const body = await grant(customer.id, { amount: 2500, expiresAt, description: 'Welcome', priority: 2 });

      expect(body).toMatchObject({
        customerId: customer.id,
        currency: 'EUR',
        amount: 2500,
        remainingAmount: 2500,
        type: 'promotional',
        fundingAccount: 'discounts',
        source: 'manual',
        description: 'Welcome',
        priority: 2,
        status: 'active',
        grantedBy: owner.userId,
        expiresAt,
      });
      const read = await get(`/v1/credit-grants/${body.id}`).expect(200);
      expect(read.body).toEqual(body);
    });

    it.each([
      ['amount', { amount: -100 }],
      ['amount', { amount: 10.5 }],
      ['currency', { currency: 'EURO' }],
      ['expiresAt', { expiresAt: new Date(Date.now() - HOUR).toISOString() }],
    ])('rejects a bad %s with a 422 naming it', async (field, override) => {
      const customer = await createCustomer(t, owner);
      const res = await post(`/v1/customers/${customer.id}/credits`, {
        amount: 1000,
        currency: 'EUR',
        type: 'promotional',
        ...override,
      }).expect(422);
      expect(res.body).toMatchObject({ code: 'invalid_credit_grant' });
      expect(res.body.errors).toEqual([expect.objectContaining({ field })]);
      const list = await get(`/v1/customers/${customer.id}/credits`).expect(200);
      expect(list.body.data).toEqual([]);
    });

    it('is a 404 for an unknown customer or one of another organisation', async () => {
      const body = { amount: 1000, currency: 'EUR', type: 'promotional' };
      const missing = await post(`/v1/customers/${randomUUID()}/credits`, body).expect(404);
      expect(missing.body.code).toBe('customer_not_found');
      const customer = await createCustomer(t, owner);
      await post(`/v1/customers/${customer.id}/credits`, body, stranger.accessToken).expect(404);
    });

    it('needs credits:write', async () => {
      const customer = await createCustomer(t, owner);
      await post(
        `/v1/customers/${customer.id}/credits`,
        { amount: 1, currency: 'EUR', type: 'goodwill' },
        viewer.accessToken,
      ).expect(403);
      await get(`/v1/customers/${customer.id}/credits`, viewer.accessToken).expect(200);
    });
  });

  describe('lists, balance and history', () => {
    it('lists grants with filters and cursor pagination', async () => {
      const customer = await createCustomer(t, owner);
      const a = await grant(customer.id, { amount: 100 });
      const b = await grant(customer.id, { amount: 200, currency: 'USD' });
      const c = await grant(customer.id, { amount: 300 });
      await post(`/v1/credit-grants/${a.id}/void`, {}).expect(200);

      const first = await get(`/v1/customers/${customer.id}/credits?limit=2`).expect(200);
      expect(first.body.data.map((g: GrantBody) => g.id)).toEqual([c.id, b.id]);
      expect(first.body.hasMore).toBe(true);
      const second = await get(
        `/v1/customers/${customer.id}/credits?limit=2&cursor=${first.body.nextCursor}`,
      ).expect(200);
      expect(second.body).toMatchObject({ hasMore: false, nextCursor: null });
      expect(second.body.data.map((g: GrantBody) => g.id)).toEqual([a.id]);

      const usd = await get(`/v1/customers/${customer.id}/credits?currency=USD`).expect(200);
      expect(usd.body.data.map((g: GrantBody) => g.id)).toEqual([b.id]);
      const voided = await get(`/v1/customers/${customer.id}/credits?status=voided`).expect(200);
      expect(voided.body.data.map((g: GrantBody) => g.id)).toEqual([a.id]);
    });

    it('reports the spendable balance per currency and the next expiry', async () => {
      const customer = await createCustomer(t, owner);
      const soon = new Date(Date.now() + 2 * HOUR).toISOString();
      await grant(customer.id, { amount: 500 });
      await grant(customer.id, { amount: 120, expiresAt: soon });
      await grant(customer.id, { amount: 80, expiresAt: soon });
      await grant(customer.id, { amount: 70, expiresAt: new Date(Date.now() + 48 * HOUR).toISOString() });
      await grant(customer.id, { amount: 900, currency: 'JPY' });

      const res = await get(`/v1/customers/${customer.id}/credits/balance`).expect(200);
      expect(res.body).toEqual({
        customerId: customer.id,
        balances: [
          { currency: 'EUR', available: 770, nextExpiresAt: soon, nextExpiringAmount: 200 },
          { currency: 'JPY', available: 900, nextExpiresAt: null, nextExpiringAmount: 0 },
        ],
      });
    });

    it('tells the history of grants, applications, restorations and voids, newest first, paginated', async () => {
      const customer = await createCustomer(t, owner);
      const g = await grant(customer.id, { amount: 100 });
      const invoiceId = randomUUID();
      const orgId = owner.orgId;
      await credits.applyToInvoice(orgId, {
        invoiceId,
        customerId: customer.id,
        currency: 'EUR',
        maxAmount: 40,
      });
      await credits.restoreForInvoice(orgId, invoiceId);
      await post(`/v1/credit-grants/${g.id}/void`, {}).expect(200);

      const entries: Array<{ kind: string; amount: number; invoiceId: string | null; grantId: string }> = [];
      let cursor: string | null = null;
      do {
        const res: { body: { data: typeof entries; nextCursor: string | null } } = await get(
          `/v1/customers/${customer.id}/credits/history?limit=1${cursor ? `&cursor=${cursor}` : ''}`,
        ).expect(200);
        entries.push(...res.body.data);
        cursor = res.body.nextCursor;
      } while (cursor);

      expect(entries.map((e) => [e.kind, e.amount, e.invoiceId])).toEqual([
        ['void', -100, null],
        ['restoration', 40, invoiceId],
        ['application', -40, invoiceId],
        ['grant', 100, null],
      ]);
      expect(entries.every((e) => e.grantId === g.id)).toBe(true);
      const balance = await get(`/v1/customers/${customer.id}/credits/balance`).expect(200);
      expect(balance.body.balances).toEqual([]);
    });

    it("hides another organisation's wallet and grants behind 404s", async () => {
      const customer = await createCustomer(t, owner);
      const g = await grant(customer.id);
      for (const path of ['', '/balance', '/history'])
        await get(`/v1/customers/${customer.id}/credits${path}`, stranger.accessToken).expect(404);
      await get(`/v1/credit-grants/${g.id}`, stranger.accessToken).expect(404);
      await post(`/v1/credit-grants/${g.id}/void`, {}, stranger.accessToken).expect(404);
      await get(`/v1/credit-grants/not-a-uuid`).expect(404);
    });
  });

  describe('POST /v1/credit-grants/{id}/void', () => {
    it('voids the remainder once, then answers 409', async () => {
      const customer = await createCustomer(t, owner);
      const g = await grant(customer.id, { amount: 300 });
      await credits.applyToInvoice(owner.orgId, {
        invoiceId: randomUUID(),
        customerId: customer.id,
        currency: 'EUR',
        maxAmount: 100,
      });
      const res = await post(`/v1/credit-grants/${g.id}/void`, {}).expect(200);
      expect(res.body).toMatchObject({ remainingAmount: 0, voidedAmount: 200, status: 'voided' });
      const again = await post(`/v1/credit-grants/${g.id}/void`, {}).expect(409);
      expect(again.body.code).toBe('credit_grant_voided');
      const db = t.app.get(DataSource);
      const [{ n }] = await db.query(
        `SELECT count(*)::int AS n FROM ledger_journals WHERE source_type = 'credit_grant_void' AND org_id = $1`,
        [owner.orgId],
      );
      expect(n).toBeGreaterThanOrEqual(1);
    });
  });
});
