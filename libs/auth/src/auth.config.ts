import { Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';

/**
 * Settings of the auth domain, derived from the validated AppConfig (JWT_SECRET, APP_URL, AUTH_*): a bad
 * or missing value stops the process at boot with the one-line message of its rule in core.
 */
@Injectable()
export class AuthConfig {
  readonly jwtSecret: string;
  /** Access-token lifetime (≤ 15 min). */
  readonly accessTokenSeconds: number;
  readonly refreshTokenSeconds: number;
  readonly sessionMaxSeconds: number;
  readonly challengeSeconds = 300;
  /** Failures per account in the window before the account is locked. */
  readonly lockoutThreshold: number;
  readonly lockoutSeconds: number;
  readonly failureWindowSeconds: number;
  /** Failures per IP address in the window before that address is refused. */
  readonly ipFailureLimit: number;
  /** Base of the progressive delay added to each failure after the third (doubling, capped at 2 s). */
  readonly failureDelayMs: number;
  /** Password-reset / verification requests per email per window. */
  readonly mailRequestLimit: number;
  /** Base URL of the web app the links in emails point to (APP_URL, else PUBLIC_URL), without a trailing slash. */
  readonly appUrl: string;

  constructor(config: AppConfig) {
    this.jwtSecret = config.JWT_SECRET;
    this.accessTokenSeconds = config.AUTH_ACCESS_TOKEN_SECONDS;
    this.refreshTokenSeconds = config.AUTH_REFRESH_TOKEN_SECONDS;
    this.sessionMaxSeconds = config.AUTH_SESSION_MAX_SECONDS;
    this.lockoutThreshold = config.AUTH_LOCKOUT_THRESHOLD;
    this.lockoutSeconds = config.AUTH_LOCKOUT_SECONDS;
    this.failureWindowSeconds = config.AUTH_FAILURE_WINDOW_SECONDS;
    this.ipFailureLimit = config.AUTH_IP_FAILURE_LIMIT;
    this.failureDelayMs = config.AUTH_FAILURE_DELAY_MS;
    this.mailRequestLimit = config.AUTH_MAIL_REQUEST_LIMIT;
    this.appUrl = (config.APP_URL ?? config.PUBLIC_URL).replace(/\/+$/, '');
  }
}
