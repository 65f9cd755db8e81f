import { AppConfig } from '@app/core';
import { AuthConfig } from './auth.config';

describe('AuthConfig', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('refuses to start without a JWT_SECRET of at least 32 characters', () => {
    delete process.env.JWT_SECRET;
    expect(() => new AuthConfig(new AppConfig())).toThrow(
      'Invalid configuration: JWT_SECRET must be a secret of at least 32 characters (it is missing or too short).',
    );
    process.env.JWT_SECRET = 'too short';
    expect(() => new AuthConfig(new AppConfig())).toThrow(/JWT_SECRET/);
  });

  it('reads the secret and the tunable limits', () => {
    process.env.JWT_SECRET = 'x'.repeat(32);
    process.env.AUTH_LOCKOUT_SECONDS = '60';
    const config = new AuthConfig(new AppConfig());
    expect(config.jwtSecret).toBe('x'.repeat(32));
    expect(config.lockoutSeconds).toBe(60);
    expect(config.accessTokenSeconds).toBeLessThanOrEqual(900);
  });

  it('names a bad number', () => {
    process.env.JWT_SECRET = 'x'.repeat(32);
    process.env.AUTH_LOCKOUT_THRESHOLD = 'many';
    expect(() => new AuthConfig(new AppConfig())).toThrow(
      'Invalid configuration: AUTH_LOCKOUT_THRESHOLD must be a whole number of at least 1.',
    );
  });
});
