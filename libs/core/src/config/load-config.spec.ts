import { ConfigError, loadConfig } from './load-config';

const valid = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/billing', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('loadConfig', () => {
  it('applies defaults and converts numbers and lists', () => {
    const config = loadConfig({ ...valid, PORT: '8080', CORS_ORIGINS: 'https://a.example, https://b.example' });
    expect(config.PORT).toBe(8080);
    expect(config.BODY_LIMIT_BYTES).toBe(1_048_576);
    expect(config.CORS_ORIGINS).toEqual(['https://a.example', 'https://b.example']);
  });

  it('names a missing variable and what it expects, in one line', () => {
    expect(() => loadConfig({ REDIS_URL: valid.REDIS_URL })).toThrow(
      new ConfigError('Invalid configuration: DATABASE_URL must be a postgres:// connection URL (it is missing).'),
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
    expect(() => loadConfig({ ...valid, ADMIN_API_TOKEN: 'short' })).toThrow(/ADMIN_API_TOKEN must be a secret of at least 32 characters/);
  });
});
