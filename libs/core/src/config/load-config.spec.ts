import { ConfigError, loadConfig } from './load-config';

const valid = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/billing',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'test-jwt-secret-0123456789abcdefghijklmnop',
  DATA_ENCRYPTION_KEY: 'NZpF2Bxcq63ugFuT+lKxlGopncoW17e/afRQ3bnhzCY=',
};

const messagesOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    return (error as Error).message.split('\n');
  }
  return [];
};

describe('loadConfig', () => {
  it('applies defaults and converts numbers and lists', () => {
    const config = loadConfig({
      ...valid,
      PORT: '8080',
      CORS_ORIGINS: 'https://a.example, https://b.example',
    });
    expect(config.PORT).toBe(8080);
    expect(config.BODY_LIMIT_BYTES).toBe(1_048_576);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it('accepts a cron pattern for the billing run and refuses anything else', () => {
    expect(loadConfig(valid).BILLING_RUN_CRON).toBe('0 * * * *');
    expect(loadConfig({ ...valid, BILLING_RUN_CRON: '0 2 1 * *' }).BILLING_RUN_CRON).toBe('0 2 1 * *');
    expect(messagesOf({ ...valid, BILLING_RUN_CRON: 'every hour' })).toEqual([
      'Invalid configuration: BILLING_RUN_CRON must be a cron pattern such as "0 * * * *" (the value given is invalid).',
    ]);
  });

  it('names a missing variable and what it expects, in one line', () => {
    expect(() => loadConfig({ ...valid, DATABASE_URL: '' })).toThrow(
      new ConfigError(
        'Invalid configuration: DATABASE_URL must be a postgres:// connection URL (it is missing).',
      ),
    );
  });

  it('names a malformed variable without echoing its value', () => {
    let message = '';
    try {
      loadConfig({ ...valid, PORT: 'eighty', REDIS_URL: 'http://secret-host:6379' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'Invalid configuration: PORT must be a TCP port number (1-65535) (the value given is invalid).',
      'Invalid configuration: REDIS_URL must be a redis:// or rediss:// URL (the value given is invalid).',
    ]);
    expect(message).not.toContain('secret-host');
  });

  it('treats an empty value as unset so the default applies', () => {
    expect(loadConfig({ ...valid, PORT: '' }).PORT).toBe(3000);
  });

  it('rejects a short operator token', () => {
    expect(() => loadConfig({ ...valid, ADMIN_API_TOKEN: 'short' })).toThrow(
      /ADMIN_API_TOKEN must be a secret of at least 32 characters/,
    );
  });

  describe('auth settings', () => {
    it('requires a JWT_SECRET of at least 32 characters', () => {
      const { JWT_SECRET: _, ...withoutSecret } = valid;
      expect(messagesOf(withoutSecret)).toEqual([
        'Invalid configuration: JWT_SECRET must be a secret of at least 32 characters (it is missing).',
      ]);
      expect(messagesOf({ ...valid, JWT_SECRET: 'x'.repeat(31) })).toEqual([
        'Invalid configuration: JWT_SECRET must be a secret of at least 32 characters (the value given is invalid).',
      ]);
      expect(loadConfig(valid).JWT_SECRET).toBe(valid.JWT_SECRET);
    });

    it('has the documented defaults', () => {
      const config = loadConfig(valid);
      expect(config).toMatchObject({
        AUTH_ACCESS_TOKEN_SECONDS: 900,
        AUTH_REFRESH_TOKEN_SECONDS: 1_209_600,
        AUTH_SESSION_MAX_SECONDS: 2_592_000,
        AUTH_LOCKOUT_THRESHOLD: 10,
        AUTH_LOCKOUT_SECONDS: 900,
        AUTH_FAILURE_WINDOW_SECONDS: 3600,
        AUTH_IP_FAILURE_LIMIT: 100,
        AUTH_FAILURE_DELAY_MS: 250,
        AUTH_MAIL_REQUEST_LIMIT: 5,
      });
      expect(config.APP_URL).toBeUndefined();
    });

    it('reads APP_URL, an optional variable without a default', () => {
      expect(loadConfig({ ...valid, APP_URL: 'https://app.example' }).APP_URL).toBe('https://app.example');
      expect(messagesOf({ ...valid, APP_URL: 'app.example' })).toEqual([
        'Invalid configuration: APP_URL must be the http(s):// URL of the web app (the value given is invalid).',
      ]);
    });

    it('keeps access tokens between 30 s and 15 min', () => {
      const rule = 'AUTH_ACCESS_TOKEN_SECONDS must be a whole number of seconds from 30 to 900';
      expect(messagesOf({ ...valid, AUTH_ACCESS_TOKEN_SECONDS: '901' })).toEqual([
        `Invalid configuration: ${rule} (the value given is invalid).`,
      ]);
      expect(messagesOf({ ...valid, AUTH_ACCESS_TOKEN_SECONDS: '29' })).toEqual([
        `Invalid configuration: ${rule} (the value given is invalid).`,
      ]);
      expect(loadConfig({ ...valid, AUTH_ACCESS_TOKEN_SECONDS: '30' }).AUTH_ACCESS_TOKEN_SECONDS).toBe(30);
    });

    it.each([
      ['AUTH_REFRESH_TOKEN_SECONDS', '59', 'a whole number of seconds (60 or more)'],
      ['AUTH_SESSION_MAX_SECONDS', '59', 'a whole number of seconds (60 or more)'],
      ['AUTH_LOCKOUT_THRESHOLD', '0', 'a whole number of failures (1 or more)'],
      ['AUTH_LOCKOUT_SECONDS', 'soon', 'a whole number of seconds (1 or more)'],
      ['AUTH_FAILURE_WINDOW_SECONDS', '0', 'a whole number of seconds (1 or more)'],
      ['AUTH_IP_FAILURE_LIMIT', '1.5', 'a whole number of failures per window (1 or more)'],
      ['AUTH_FAILURE_DELAY_MS', '-1', 'a whole number of milliseconds (0 disables the delay)'],
      ['AUTH_MAIL_REQUEST_LIMIT', 'many', 'a whole number of mails per address per window (1 or more)'],
    ])('names a bad %s and what it expects', (name, value, expected) => {
      expect(messagesOf({ ...valid, [name]: value })).toEqual([
        `Invalid configuration: ${name} must be ${expected} (the value given is invalid).`,
      ]);
    });

    it('accepts zero as the failure delay (no delay)', () => {
      expect(loadConfig({ ...valid, AUTH_FAILURE_DELAY_MS: '0' }).AUTH_FAILURE_DELAY_MS).toBe(0);
    });
  });

  describe('DATA_ENCRYPTION_KEY', () => {
    const rule =
      'DATA_ENCRYPTION_KEY must be 32 random bytes in base64 (generate one with `openssl rand -base64 32`)';

    it('is required', () => {
      const { DATA_ENCRYPTION_KEY: _, ...withoutKey } = valid;
      expect(messagesOf(withoutKey)).toEqual([`Invalid configuration: ${rule} (it is missing).`]);
    });

    it.each([
      ['16 bytes', 'AAAAAAAAAAAAAAAAAAAAAA=='],
      ['33 bytes', 'A'.repeat(44)],
      ['not base64', 'not a key at all, just some text that is 44!'],
      ['hex', 'a'.repeat(64)],
    ])('refuses %s without echoing it', (_label, value) => {
      const messages = messagesOf({ ...valid, DATA_ENCRYPTION_KEY: value });
      expect(messages).toEqual([`Invalid configuration: ${rule} (the value given is invalid).`]);
      expect(messages.join()).not.toContain(value);
    });

    it('accepts the output of openssl rand -base64 32', () => {
      expect(loadConfig(valid).DATA_ENCRYPTION_KEY).toBe(valid.DATA_ENCRYPTION_KEY);
    });
  });
});
