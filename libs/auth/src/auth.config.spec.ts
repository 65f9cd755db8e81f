import { loadConfig } from '@app/core';
import { AuthConfig } from './auth.config';

const env = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/billing',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
  DATA_ENCRYPTION_KEY: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=',
};

describe('AuthConfig', () => {
  it('takes the secret and the defaults from the application configuration', () => {
    const config = new AuthConfig(loadConfig(env));
    expect(config.jwtSecret).toBe('x'.repeat(32));
    expect(config.accessTokenSeconds).toBe(900);
    expect(config.refreshTokenSeconds).toBe(14 * 24 * 3600);
    expect(config.sessionMaxSeconds).toBe(30 * 24 * 3600);
    expect(config.lockoutThreshold).toBe(10);
    expect(config.lockoutSeconds).toBe(900);
    expect(config.failureWindowSeconds).toBe(3600);
    expect(config.ipFailureLimit).toBe(100);
    expect(config.failureDelayMs).toBe(250);
    expect(config.mailRequestLimit).toBe(5);
    expect(config.appUrl).toBe('http://localhost:3000');
  });

  it('applies the tunable limits and APP_URL', () => {
    const config = new AuthConfig(
      loadConfig({
        ...env,
        AUTH_LOCKOUT_SECONDS: '60',
        AUTH_FAILURE_DELAY_MS: '0',
        APP_URL: 'https://app.example/',
      }),
    );
    expect(config.lockoutSeconds).toBe(60);
    expect(config.failureDelayMs).toBe(0);
    expect(config.appUrl).toBe('https://app.example');
  });

  it('falls back to PUBLIC_URL without a trailing slash', () => {
    expect(new AuthConfig(loadConfig({ ...env, PUBLIC_URL: 'https://api.example/' })).appUrl).toBe(
      'https://api.example',
    );
  });
});
