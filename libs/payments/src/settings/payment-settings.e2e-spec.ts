import {
  AuthTestApp,
  SignedUpUser,
  asUser,
  signUpAndLogin,
  startAuthApp,
} from '../../../../test/kit/auth-test-kit';

describe('payments: settings', () => {
  let t: AuthTestApp;
  let owner: SignedUpUser;

  beforeAll(async () => {
    t = await startAuthApp();
    owner = await signUpAndLogin(t, 'payment-settings');
  });
  afterAll(() => t.stop());

  it('starts from the defaults and keeps what is not changed', async () => {
    const defaults = await asUser(t, owner).get('/v1/payments/settings').expect(200);
    expect(defaults.body).toEqual({
      retryScheduleDays: [1, 3, 5, 7],
      finalAction: 'mark_uncollectible',
      gracePeriodDays: 3,
      reminderEmails: true,
      disputeLostAction: 'reopen_invoice',
      customized: false,
    });

    const updated = await asUser(t, owner)
      .put('/v1/payments/settings', { retryScheduleDays: [2, 4], finalAction: 'cancel_subscription' })
      .expect(200);
    expect(updated.body).toMatchObject({
      retryScheduleDays: [2, 4],
      finalAction: 'cancel_subscription',
      gracePeriodDays: 3,
      customized: true,
    });
    await asUser(t, owner).put('/v1/payments/settings', { disputeLostAction: 'write_off' }).expect(200);
    expect((await asUser(t, owner).get('/v1/payments/settings').expect(200)).body).toMatchObject({
      retryScheduleDays: [2, 4],
      disputeLostAction: 'write_off',
    });
  });

  it.each([
    [{ retryScheduleDays: [3, 3] }, 'retryScheduleDays.1'],
    [{ retryScheduleDays: [0] }, 'retryScheduleDays.0'],
    [{ gracePeriodDays: 61 }, 'gracePeriodDays'],
  ])('refuses %j with 422 invalid_payment_settings naming %s', async (body, field) => {
    const res = await asUser(t, owner).put('/v1/payments/settings', body).expect(422);
    expect(res.body).toMatchObject({ code: 'invalid_payment_settings', errors: [{ field }] });
  });

  it('refuses an unknown final action with 400', async () => {
    await asUser(t, owner).put('/v1/payments/settings', { finalAction: 'explode' }).expect(400);
  });
});
