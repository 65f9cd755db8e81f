import {
  AuthTestApp,
  SignedUpUser,
  asUser,
  signUpAndLogin,
  startAuthApp,
} from '../../../../../test/kit/auth-test-kit';
import { FxService } from '../fx.service';

describe('fx rates', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;
  let other: SignedUpUser;

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'fx');
    other = await signUpAndLogin(t, 'fx-other');
  });
  afterAll(() => t.stop());

  const as = (user: SignedUpUser) => asUser(t, user);

  it('stores the reporting currency', async () => {
    await as(owner).get('/v1/fx/settings').expect(200, { reportingCurrency: null });
    await as(owner)
      .put('/v1/fx/settings', { reportingCurrency: 'eur' })
      .expect(200, { reportingCurrency: 'EUR' });
    await as(owner)
      .put('/v1/fx/settings', { reportingCurrency: 'USD' })
      .expect(200, { reportingCurrency: 'USD' });
    const bad = await as(owner).put('/v1/fx/settings', { reportingCurrency: 'EUX' }).expect(422);
    expect(bad.body.code).toBe('invalid_currency');
    await as(other).get('/v1/fx/settings').expect(200, { reportingCurrency: null });
  });

  it('upserts one manual rate by pair and day', async () => {
    const first = await as(owner)
      .post('/v1/fx/rates', {
        baseCurrency: 'gbp',
        quoteCurrency: 'EUR',
        rate: '1.17',
        effectiveDate: '2026-01-05',
      })
      .expect(201);
    expect(first.body.data).toEqual([
      expect.objectContaining({
        baseCurrency: 'GBP',
        quoteCurrency: 'EUR',
        rate: '1.17',
        effectiveDate: '2026-01-05',
        source: 'manual',
      }),
    ]);
    const again = await as(owner)
      .post('/v1/fx/rates', {
        baseCurrency: 'GBP',
        quoteCurrency: 'EUR',
        rate: 1.18,
        effectiveDate: '2026-01-05',
      })
      .expect(201);
    expect(again.body.data[0]).toMatchObject({ id: first.body.data[0].id, rate: '1.18' });
    const list = await as(owner).get('/v1/fx/rates?base=GBP&quote=EUR').expect(200);
    expect(list.body.data).toHaveLength(1);
  });

  it('imports a batch all-or-nothing, naming every bad item', async () => {
    const bad = await as(owner)
      .post('/v1/fx/rates', {
        rates: [
          { baseCurrency: 'CHF', quoteCurrency: 'EUR', rate: '1.05', effectiveDate: '2026-02-01' },
          { baseCurrency: 'CHF', quoteCurrency: 'EUR', rate: '0', effectiveDate: '2026-02-02' },
          { baseCurrency: 'CHF', quoteCurrency: 'CHF', rate: '1', effectiveDate: '2026-02-31' },
          { baseCurrency: 'CHF', quoteCurrency: 'EUR', rate: '1.06', effectiveDate: '2026-02-01' },
        ],
      })
      .expect(422);
    expect(bad.body.code).toBe('invalid_fx_rate');
    expect((bad.body.errors as { field: string }[]).map((e) => e.field)).toEqual([
      'rates.1.rate',
      'rates.2.quoteCurrency',
      'rates.2.effectiveDate',
      'rates.3.effectiveDate',
    ]);
    await as(owner).get('/v1/fx/rates?base=CHF').expect(200, { data: [], nextCursor: null, hasMore: false });

    const ok = await as(owner)
      .post('/v1/fx/rates', {
        rates: [
          { baseCurrency: 'CHF', quoteCurrency: 'EUR', rate: '1.05', effectiveDate: '2026-02-01' },
          { baseCurrency: 'CHF', quoteCurrency: 'EUR', rate: '1.07', effectiveDate: '2026-03-01' },
        ],
      })
      .expect(201);
    expect((ok.body.data as { source: string }[]).map((r) => r.source)).toEqual(['import', 'import']);
    const onDay = await as(owner).get('/v1/fx/rates?base=CHF&quote=EUR&on=2026-02-15').expect(200);
    expect(onDay.body.data).toEqual([expect.objectContaining({ rate: '1.05', effectiveDate: '2026-02-01' })]);
  });

  it('converts with the latest rate on or before the day, directly or inverted, rounded to the target unit', async () => {
    await as(owner)
      .post('/v1/fx/rates', {
        rates: [
          { baseCurrency: 'USD', quoteCurrency: 'JPY', rate: '150.123', effectiveDate: '2026-01-01' },
          { baseCurrency: 'USD', quoteCurrency: 'JPY', rate: '155', effectiveDate: '2026-06-01' },
          { baseCurrency: 'KWD', quoteCurrency: 'USD', rate: '3.25', effectiveDate: '2026-01-01' },
        ],
      })
      .expect(201);
    // 10.00 USD × 150.123 = 1501.23 → 1501 JPY
    const direct = await as(owner)
      .get('/v1/fx/convert?amount=1000&from=USD&to=JPY&on=2026-03-01')
      .expect(200);
    expect(direct.body).toEqual({
      amount: 1501,
      currency: 'JPY',
      rate: '150.123',
      effectiveDate: '2026-01-01',
      inverse: false,
    });
    const later = await as(owner).get('/v1/fx/convert?amount=1000&from=USD&to=JPY&on=2026-06-01').expect(200);
    expect(later.body).toMatchObject({ amount: 1550, effectiveDate: '2026-06-01' });
    // 1,550 JPY / 155 = 10.00 USD
    const inverse = await as(owner)
      .get('/v1/fx/convert?amount=1550&from=JPY&to=USD&on=2026-07-01')
      .expect(200);
    expect(inverse.body).toMatchObject({ amount: 1000, currency: 'USD', inverse: true });
    // 10.00 USD / 3.25 = 3.0769230… KWD → 3.077
    const kwd = await as(owner).get('/v1/fx/convert?amount=1000&from=USD&to=KWD&on=2026-01-01').expect(200);
    expect(kwd.body).toMatchObject({ amount: 3077, currency: 'KWD', inverse: true });

    const before = await as(owner)
      .get('/v1/fx/convert?amount=1000&from=USD&to=JPY&on=2025-12-31')
      .expect(422);
    expect(before.body.code).toBe('fx_rate_missing');
    const otherOrg = await as(other)
      .get('/v1/fx/convert?amount=1000&from=USD&to=JPY&on=2026-03-01')
      .expect(422);
    expect(otherOrg.body.code).toBe('fx_rate_missing');

    const fx = t.app.get(FxService);
    await expect(
      fx.convert(owner.orgId, { amount: 200, from: 'USD', to: 'JPY', on: new Date('2026-02-01T12:00:00Z') }),
    ).resolves.toMatchObject({ amount: 300 });
    await expect(
      fx.convert(owner.orgId, { amount: 5, from: 'EUR', to: 'EUR', on: '2026-01-01' }),
    ).resolves.toMatchObject({
      amount: 5,
    });
  });

  it('keeps rates per organisation', async () => {
    await as(owner)
      .post('/v1/fx/rates', {
        baseCurrency: 'SEK',
        quoteCurrency: 'EUR',
        rate: '0.088',
        effectiveDate: '2026-01-01',
      })
      .expect(201);
    await as(other).get('/v1/fx/rates?base=SEK').expect(200, { data: [], nextCursor: null, hasMore: false });
  });
});
