import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';

export class AuthConfigError extends Error {
  override readonly name = 'AuthConfigError';
}

function intFromEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new AuthConfigError(`Invalid configuration: ${name} must be a whole number of at least ${min}.`);
  }
  return value;
}

/**
 * Settings of the auth domain, read once at boot from the environment. JWT_SECRET is required (no
 * fallback): without it the process refuses to start with one clear line.
 */
@Injectable()
export class AuthConfig {
  readonly jwtSecret: string;
  /** Access-token lifetime (≤ 15 min). */
  readonly accessTokenSeconds = intFromEnv('AUTH_ACCESS_TOKEN_SECONDS', 900, 30);
  readonly refreshTokenSeconds = intFromEnv('AUTH_REFRESH_TOKEN_SECONDS', 14 * 24 * 3600, 60);
  readonly sessionMaxSeconds = intFromEnv('AUTH_SESSION_MAX_SECONDS', 30 * 24 * 3600, 60);
  readonly challengeSeconds = 300;
  /** Failures per account in the window before the account is locked. */
  readonly lockoutThreshold = intFromEnv('AUTH_LOCKOUT_THRESHOLD', 10, 1);
  readonly lockoutSeconds = intFromEnv('AUTH_LOCKOUT_SECONDS', 900, 1);
  readonly failureWindowSeconds = intFromEnv('AUTH_FAILURE_WINDOW_SECONDS', 3600, 1);
  /** Failures per IP address in the window before that address is refused. */
  readonly ipFailureLimit = intFromEnv('AUTH_IP_FAILURE_LIMIT', 100, 1);
  /** Base of the progressive delay added to each failure after the third (doubling, capped at 2 s). */
  readonly failureDelayMs = intFromEnv('AUTH_FAILURE_DELAY_MS', 250, 0);
  /** Password-reset / verification requests per email per window. */
  readonly mailRequestLimit = intFromEnv('AUTH_MAIL_REQUEST_LIMIT', 5, 1);
  /** Base URL of the web app the links in emails point to. */
  readonly appUrl: string;

  constructor(config: AppConfig) {
    const secret = process.env.JWT_SECRET;
    if (!secret || secret.length < 32) {
      throw new AuthConfigError(
        'Invalid configuration: JWT_SECRET must be a secret of at least 32 characters (it is missing or too short).',
      );
    }
    this.jwtSecret = secret;
    this.appUrl = (process.env.APP_URL || config.PUBLIC_URL).replace(/\/+$/, '');
  }
}
