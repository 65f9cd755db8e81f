import { REDACTED, changesFromBody, redact, redactChanges } from './redact';

describe('audit redaction', () => {
  it('redacts secret-looking keys at any depth, case-insensitively, and inside arrays', () => {
    expect(
      redact({
        name: 'Acme',
        password: 'hunter2',
        newPassword: 'x',
        clientSecret: 's',
        refreshToken: 't',
        apiKey: 'k',
        totpCode: '123456',
        passwordHash: 'h',
        profile: { email: 'a@b.c', API_KEY: 'k2', nested: [{ accessToken: 'x', note: 'kept' }] },
      }),
    ).toEqual({
      name: 'Acme',
      password: REDACTED,
      newPassword: REDACTED,
      clientSecret: REDACTED,
      refreshToken: REDACTED,
      apiKey: REDACTED,
      totpCode: REDACTED,
      passwordHash: REDACTED,
      profile: { email: 'a@b.c', API_KEY: REDACTED, nested: [{ accessToken: REDACTED, note: 'kept' }] },
    });
  });

  it('redacts a whole object kept under a secret key, and makes values JSON-safe', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(redact({ secrets: { a: 1 }, at, big: 10n, skip: undefined, fn: () => 1 })).toEqual({
      secrets: REDACTED,
      at: '2026-01-02T03:04:05.000Z',
      big: '10',
    });
    expect(redact('plain')).toBe('plain');
    expect(redact(null)).toBeNull();
  });

  it('keeps the before/after shape of a secret field but hides both sides', () => {
    expect(
      redactChanges({
        password: { before: 'old', after: 'new' },
        name: { before: 'A', after: 'B' },
        settings: { after: { webhookSecret: 'w', locale: 'fr' } },
      }),
    ).toEqual({
      password: { before: REDACTED, after: REDACTED },
      name: { before: 'A', after: 'B' },
      settings: { after: { webhookSecret: REDACTED, locale: 'fr' } },
    });
  });

  it('turns a request body into after-only changes', () => {
    expect(changesFromBody({ name: 'Acme', password: 'p' })).toEqual({
      name: { after: 'Acme' },
      password: { after: REDACTED },
    });
    expect(changesFromBody([{ token: 't' }])).toEqual({ body: { after: [{ token: REDACTED }] } });
    expect(changesFromBody(undefined)).toBeNull();
    expect(changesFromBody({})).toBeNull();
  });
});
