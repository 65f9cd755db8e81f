import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { REDIS } from '@app/core';
import { AuthConfig } from '../auth.config';
import { AuthError, AuthErrorCode } from '../auth.errors';

/** What is being guessed: a password, a second factor, or a password reset. */
export type AttemptKind = 'login' | '2fa' | 'reset';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Throttles guessing per account and per IP address, in Redis so the limits hold across replicas.
 * Failures count in a sliding window; an account reaching the threshold is locked for a short time
 * (so an attacker cannot lock its owner out for long), and every failure after the third is slowed
 * down progressively. Unknown accounts are counted exactly like known ones.
 */
@Injectable()
export class BruteForceService {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: AuthConfig,
  ) {}

  /** Refuses the attempt while the account is locked or the IP has failed too often. */
  async assertAllowed(kind: AttemptKind, account: string, ip: string): Promise<void> {
    const [lockTtl, ipFailures] = await Promise.all([
      this.redis.pttl(this.lockKey(kind, account)),
      this.redis.get(this.ipKey(ip)),
    ]);
    if (lockTtl > 0) {
      const retryAfter = String(Math.ceil(lockTtl / 1000));
      throw new AuthError(
        429,
        AuthErrorCode.AccountLocked,
        `Too many failed attempts: try again in ${retryAfter} s.`,
        { 'Retry-After': retryAfter },
      );
    }
    if (Number(ipFailures ?? 0) >= this.config.ipFailureLimit) {
      const ttl = await this.redis.ttl(this.ipKey(ip));
      const retryAfter = String(Math.max(1, ttl));
      throw new AuthError(
        429,
        AuthErrorCode.TooManyAttempts,
        `Too many failed attempts from this address: try again in ${retryAfter} s.`,
        { 'Retry-After': retryAfter },
      );
    }
  }

  /** Counts a failure, locks the account at the threshold, and delays the answer progressively. */
  async recordFailure(kind: AttemptKind, account: string, ip: string): Promise<{ locked: boolean }> {
    const window = this.config.failureWindowSeconds;
    const failuresKey = this.failuresKey(kind, account);
    const result = await this.redis
      .multi()
      .incr(failuresKey)
      .expire(failuresKey, window, 'NX')
      .incr(this.ipKey(ip))
      .expire(this.ipKey(ip), window, 'NX')
      .exec();
    const failures = Number(result?.[0]?.[1] ?? 0);
    const locked = failures >= this.config.lockoutThreshold;
    if (locked) {
      await this.redis
        .multi()
        .set(this.lockKey(kind, account), '1', 'EX', this.config.lockoutSeconds)
        .del(failuresKey)
        .exec();
    }
    if (failures > 3 && this.config.failureDelayMs > 0) {
      await sleep(Math.min(this.config.failureDelayMs * 2 ** (failures - 4), 2000));
    }
    return { locked };
  }

  async recordSuccess(kind: AttemptKind, account: string): Promise<void> {
    await this.redis.del(this.failuresKey(kind, account));
  }

  /**
   * Counts a request that sends mail (forgot password, resend verification) and says whether it may be
   * sent; the caller answers the same either way, so the limit reveals nothing.
   */
  async allowMail(kind: string, account: string, limit = this.config.mailRequestLimit): Promise<boolean> {
    const key = `auth:mail:${kind}:${account}`;
    const result = await this.redis
      .multi()
      .incr(key)
      .expire(key, this.config.failureWindowSeconds, 'NX')
      .exec();
    return Number(result?.[0]?.[1] ?? 0) <= limit;
  }

  async isSpent(key: string): Promise<boolean> {
    return (await this.redis.exists(`auth:spent:${key}`)) === 1;
  }

  /** True the first time a one-shot key (e.g. a spent 2FA challenge) is used within `seconds`. */
  async spendOnce(key: string, seconds: number): Promise<boolean> {
    return (await this.redis.set(`auth:spent:${key}`, '1', 'EX', seconds, 'NX')) === 'OK';
  }

  private failuresKey = (kind: AttemptKind, account: string) => `auth:failures:${kind}:${account}`;
  private lockKey = (kind: AttemptKind, account: string) => `auth:lock:${kind}:${account}`;
  private ipKey = (ip: string) => `auth:failures:ip:${ip}`;
}
