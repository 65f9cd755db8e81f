import { randomUUID } from 'node:crypto';
import {
  AuthTestApp,
  SignedUpUser,
  bearer,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';
import { createCustomer } from '../../../../test/kit/customers-test-kit';
import { LedgerAccount, PostJournalInput } from '../ledger.types';
import { LedgerService } from '../services/ledger.service';

const { Receivables, Revenue, TaxPayable, CustomerCredit, CashClearing, Discounts } = LedgerAccount;

describe('ledger reports', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let other: SignedUpUser;
  let customer: string;
  let secondCustomer: string;
  const ids: Record<string, string> = {};

  const get = (path: string, user = owner) =>
    t
      .http()
      .get(path)
      .set(...bearer(user.accessToken));

  const post = async (name: string, input: Omit<PostJournalInput, 'sourceId'>) => {
    const { journalId } = await t.app.get(LedgerService).post(owner.orgId, { ...input, sourceId: name });
    ids[name] = journalId;
  };
  const at = (date: string) => new Date(`${date}T12:00:00Z`);

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'owner');
    other = await signUpAndLogin(t, 'other');
    customer = (await createCustomer(t, owner, { currency: 'EUR' })).id;
    secondCustomer = (await createCustomer(t, owner, { currency: 'EUR' })).id;
    const usdCustomer = (await createCustomer(t, owner, { currency: 'USD' })).id;

    await post('inv1', {
      kind: 'invoice_finalized',
      sourceType: 'invoice',
      currency: 'EUR',
      occurredAt: at('2026-01-10'),
      lines: [
        { account: Receivables, customerId: customer, debit: 12000 },
        { account: Discounts, debit: 1000 },
        { account: Revenue, credit: 11000 },
        { account: TaxPayable, credit: 2000 },
      ],
    });
    await post('grant1', {
      kind: 'credit_granted',
      sourceType: 'credit_grant',
      currency: 'EUR',
      occurredAt: at('2026-01-20'),
      lines: [
        { account: Discounts, debit: 500 },
        { account: CustomerCredit, customerId: customer, credit: 500 },
      ],
    });
    await post('inv2', {
      kind: 'invoice_finalized',
      sourceType: 'invoice',
      currency: 'EUR',
      occurredAt: at('2026-02-05'),
      lines: [
        { account: Receivables, customerId: customer, debit: 6000 },
        { account: Revenue, credit: 5000 },
        { account: TaxPayable, credit: 1000 },
      ],
    });
    await post('app1', {
      kind: 'credit_applied',
      sourceType: 'credit_application',
      currency: 'EUR',
      occurredAt: at('2026-02-05'),
      memo: 'credit applied to inv2',
      lines: [
        { account: CustomerCredit, customerId: customer, debit: 500 },
        { account: Receivables, customerId: customer, credit: 500 },
      ],
    });
    await post('inv3', {
      kind: 'invoice_finalized',
      sourceType: 'invoice',
      currency: 'EUR',
      occurredAt: at('2026-02-10'),
      lines: [
        { account: Receivables, customerId: secondCustomer, debit: 3000 },
        { account: Revenue, credit: 3000 },
      ],
    });
    await post('pay1', {
      kind: 'payment_received',
      sourceType: 'payment',
      currency: 'EUR',
      occurredAt: at('2026-02-15'),
      lines: [
        { account: CashClearing, debit: 12000 },
        { account: Receivables, customerId: customer, credit: 12000 },
      ],
    });
    await post('grant2', {
      kind: 'credit_granted',
      sourceType: 'credit_grant',
      currency: 'USD',
      occurredAt: at('2026-02-20'),
      lines: [
        { account: CashClearing, debit: 700 },
        { account: CustomerCredit, customerId: usdCustomer, credit: 700 },
      ],
    });
    await post('inv-march', {
      kind: 'invoice_finalized',
      sourceType: 'invoice',
      currency: 'EUR',
      occurredAt: at('2026-03-02'),
      lines: [
        { account: Receivables, customerId: customer, debit: 100 },
        { account: Revenue, credit: 100 },
      ],
    });
  }, 60_000);
  afterAll(() => t.stop());

  it('trial balance of February: opening, movements and closing per account, debits = credits', async () => {
    const res = await get(
      '/v1/ledger/trial-balance?from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&currency=eur',
    ).expect(200);

    expect(res.body.from).toBe('2026-02-01T00:00:00.000Z');
    expect(res.body.to).toBe('2026-03-01T00:00:00.000Z');
    expect(res.body.currencies).toHaveLength(1);
    const [eur] = res.body.currencies;
    expect(eur.currency).toBe('EUR');
    const row = (
      account: string,
      openingBalance: number,
      debits: number,
      credits: number,
      closingBalance: number,
    ) => expect.objectContaining({ account, openingBalance, debits, credits, closingBalance });
    expect(eur.accounts).toEqual([
      row('receivables', 12000, 9000, 12500, 8500),
      row('cash_clearing', 0, 12000, 0, 12000),
      row('tax_payable', 2000, 0, 1000, 3000),
      row('customer_credit', 500, 500, 0, 0),
      row('revenue', 11000, 0, 8000, 19000),
      row('discounts', 1500, 0, 0, 1500),
    ]);
    expect(eur.accounts[0]).toMatchObject({
      name: 'Accounts receivable',
      type: 'asset',
      normalBalance: 'debit',
    });
    expect(eur.totals).toEqual({
      debits: 21500,
      credits: 21500,
      closingDebitBalances: 22000,
      closingCreditBalances: 22000,
    });
  });

  it('trial balance without a currency lists every currency, up to now', async () => {
    const res = await get('/v1/ledger/trial-balance').expect(200);

    expect(res.body.from).toBeNull();
    expect(res.body.currencies.map((c: { currency: string }) => c.currency)).toEqual(['EUR', 'USD']);
    const usd = res.body.currencies[1];
    expect(usd.totals).toEqual({
      debits: 700,
      credits: 700,
      closingDebitBalances: 700,
      closingCreditBalances: 700,
    });
    const eur = res.body.currencies[0];
    expect(eur.totals.debits).toBe(eur.totals.credits);
    expect(eur.totals.debits).toBe(13000 + 500 + 6000 + 500 + 3000 + 12000 + 100);
  });

  it('customer statement: opening balance, entries with a running balance, closing balance', async () => {
    const res = await get(
      `/v1/customers/${customer}/statement?from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z`,
    ).expect(200);

    expect(res.body).toMatchObject({
      customerId: customer,
      currency: 'EUR',
      openingBalance: 11500,
      closingBalance: 5500,
    });
    expect(
      res.body.entries.map((e: Record<string, unknown>) => [
        e.sourceId,
        e.kind,
        e.account,
        e.debit,
        e.credit,
        e.balance,
      ]),
    ).toEqual([
      ['inv2', 'invoice_finalized', 'receivables', 6000, 0, 17500],
      ['app1', 'credit_applied', 'customer_credit', 500, 0, 18000],
      ['app1', 'credit_applied', 'receivables', 0, 500, 17500],
      ['pay1', 'payment_received', 'receivables', 0, 12000, 5500],
    ]);
    expect(res.body.entries[1]).toMatchObject({
      journalId: ids.app1,
      sourceType: 'credit_application',
      memo: 'credit applied to inv2',
      occurredAt: '2026-02-05T12:00:00.000Z',
    });
  });

  it('customer statement in another currency is empty', async () => {
    const res = await get(`/v1/customers/${customer}/statement?currency=USD`).expect(200);
    expect(res.body).toMatchObject({ currency: 'USD', openingBalance: 0, closingBalance: 0, entries: [] });
  });

  it("another org's customer has no statement (404), nor does an unknown one", async () => {
    const cross = await get(`/v1/customers/${customer}/statement`, other).expect(404);
    expect(cross.body.code).toBe('customer_not_found');
    await get(`/v1/customers/${randomUUID()}/statement`).expect(404);
  });

  it('accounts with their balances per currency', async () => {
    const res = await get('/v1/ledger/accounts').expect(200);

    expect(res.body.data).toHaveLength(11);
    const byCode = Object.fromEntries(res.body.data.map((a: { code: string }) => [a.code, a]));
    expect(byCode.receivables.balances).toEqual([{ currency: 'EUR', balance: 8600 }]);
    expect(byCode.cash_clearing.balances).toEqual([
      { currency: 'EUR', balance: 12000 },
      { currency: 'USD', balance: 700 },
    ]);
    expect(byCode.write_offs).toMatchObject({ type: 'expense', normalBalance: 'debit', balances: [] });
    expect(byCode.customer_credit).toMatchObject({ type: 'liability', normalBalance: 'credit' });

    const empty = await get('/v1/ledger/accounts', other).expect(200);
    expect(empty.body.data).toEqual([]);
  });

  it('journals by source, by customer, and paginated', async () => {
    const bySource = await get('/v1/ledger/journals?sourceType=invoice&sourceId=inv1').expect(200);
    expect(bySource.body.data).toHaveLength(1);
    expect(bySource.body.data[0]).toMatchObject({ id: ids.inv1, kind: 'invoice_finalized', currency: 'EUR' });
    expect(bySource.body.data[0].lines).toEqual([
      expect.objectContaining({ account: 'receivables', customerId: customer, debit: 12000, credit: 0 }),
      expect.objectContaining({ account: 'discounts', customerId: null, debit: 1000, credit: 0 }),
      expect.objectContaining({ account: 'revenue', debit: 0, credit: 11000 }),
      expect.objectContaining({ account: 'tax_payable', debit: 0, credit: 2000 }),
    ]);

    const byCustomer = await get(`/v1/ledger/journals?customerId=${secondCustomer}`).expect(200);
    expect(byCustomer.body.data.map((j: { id: string }) => j.id)).toEqual([ids.inv3]);

    const byKind = await get('/v1/ledger/journals?kind=credit_granted').expect(200);
    expect(byKind.body.data.map((j: { id: string }) => j.id)).toEqual([ids.grant2, ids.grant1]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { data: { id: string }[]; nextCursor: string | null } } = await get(
        `/v1/ledger/journals?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      ).expect(200);
      seen.push(...page.body.data.map((j: { id: string }) => j.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(Object.values(ids).reverse());

    expect((await get('/v1/ledger/journals', other).expect(200)).body.data).toEqual([]);
  });

  it('rejects a reversed period (422) and a bad currency or kind (400)', async () => {
    const reversed = await get(
      '/v1/ledger/trial-balance?from=2026-03-01T00:00:00Z&to=2026-02-01T00:00:00Z',
    ).expect(422);
    expect(reversed.body).toMatchObject({ code: 'invalid_ledger_period', errors: [{ field: 'from' }] });
    const currency = await get('/v1/ledger/trial-balance?currency=XYZ').expect(400);
    expect(currency.body.code).toBe('validation_failed');
    await get('/v1/ledger/journals?kind=unknown').expect(400);
    await get(`/v1/customers/${customer}/statement?from=yesterday`).expect(400);
  });
});
