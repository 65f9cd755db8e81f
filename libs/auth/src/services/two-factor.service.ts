import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { generateSecret, generateURI, verify } from 'otplib';
import { AuditService, RequestPrincipal, SecretBox, TransactionContext, newId } from '@app/core';
import { AuthError, AuthErrorCode } from '../auth.errors';
import { sha256 } from '../crypto/secrets';
import { RecoveryCode } from '../entities/recovery-code.entity';
import { User } from '../entities/user.entity';
import { PasswordHasher } from '../password/password-hasher';
import { BruteForceService } from './brute-force.service';
import { UsersService } from './users.service';

const ISSUER = 'Billing';
const RECOVERY_CODE_COUNT = 10;
/** One 30-second step either side, for clock drift. */
const EPOCH_TOLERANCE_SECONDS = 30;

/** Binds an encrypted TOTP secret to its user: a value copied to another user's row does not decrypt. */
const totpContext = (userId: string) => `users.totp_secret:${userId}`;

const normalizeRecoveryCode = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();
const newRecoveryCode = () => randomBytes(10).toString('hex').match(/.{5}/g)!.join('-');

/** TOTP (RFC 6238) second factor with single-use codes and recovery codes. */
@Injectable()
export class TwoFactorService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly bruteForce: BruteForceService,
    private readonly audit: AuditService,
    private readonly secretBox: SecretBox,
  ) {}

  /** Starts (or restarts) enrolment with a fresh secret from the CSPRNG, stored encrypted. */
  async enroll(principal: RequestPrincipal): Promise<{ secret: string; otpauthUri: string }> {
    const userId = principal.id;
    const user = await this.userWithoutTwoFactor(userId);
    const secret = generateSecret();
    await this.users.update(userId, {
      totpSecretEncrypted: this.secretBox.seal(secret, totpContext(userId)),
      totpLastTimeStep: null,
    });
    await this.audit.record({
      orgId: principal.orgId ?? null,
      actor: principal,
      action: 'auth.2fa_enrollment_started',
    });
    return { secret, otpauthUri: generateURI({ issuer: ISSUER, label: user.email, secret }) };
  }

  /** Turns 2FA on once the user proves the authenticator works; returns the recovery codes, once. */
  async confirm(principal: RequestPrincipal, code: string): Promise<string[]> {
    const userId = principal.id;
    const user = await this.userWithoutTwoFactor(userId);
    if (!user.totpSecretEncrypted) {
      throw new AuthError(409, AuthErrorCode.TwoFactorNotEnrolled, 'Start with POST /v1/auth/2fa/enroll.');
    }
    return this.tx.run(async (manager) => {
      if (!(await this.acceptCode(user, code))) throw this.invalidCode(400);
      await this.users.update(userId, { totpEnabledAt: new Date() });
      await manager.delete(RecoveryCode, { userId });
      await this.audit.record({
        orgId: principal.orgId ?? null,
        actor: principal,
        action: 'auth.2fa_enabled',
      });
      const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
      await manager.insert(
        RecoveryCode,
        codes.map((c) => ({ id: newId(), userId, codeHash: sha256(normalizeRecoveryCode(c)), usedAt: null })),
      );
      return codes;
    });
  }

  /** The second step of a login: a TOTP code or a recovery code, throttled per account and IP. */
  async verifySecondFactor(
    userId: string,
    orgId: string,
    input: { code?: string; recoveryCode?: string },
    ip: string,
  ): Promise<void> {
    await this.bruteForce.assertAllowed('2fa', userId, ip);
    const user = await this.users.get(userId);
    const ok = !user.totpEnabledAt
      ? false
      : input.code
        ? await this.acceptCode(user, input.code)
        : input.recoveryCode
          ? await this.useRecoveryCode(userId, input.recoveryCode)
          : false;
    const actor = { kind: 'user' as const, id: userId };
    if (!ok) {
      const { locked } = await this.bruteForce.recordFailure('2fa', userId, ip);
      await this.audit.record({ orgId, actor, action: 'auth.2fa_failed' });
      if (locked)
        await this.audit.record({ orgId, actor, action: 'auth.account_locked', target: { type: '2fa' } });
      throw this.invalidCode(401);
    }
    await this.bruteForce.recordSuccess('2fa', userId);
    if (!input.code) await this.audit.record({ orgId, actor, action: 'auth.recovery_code_used' });
  }

  /** Needs the password and a current code. */
  async disable(principal: RequestPrincipal, password: string, code: string, ip: string): Promise<void> {
    const userId = principal.id;
    await this.bruteForce.assertAllowed('2fa', userId, ip);
    const user = await this.users.get(userId);
    if (!user.totpEnabledAt) {
      throw new AuthError(409, AuthErrorCode.TwoFactorNotEnabled, 'Two-factor authentication is not on.');
    }
    const passwordOk = await this.hasher.verify(user.passwordHash, password);
    if (!passwordOk || !(await this.acceptCode(user, code))) {
      await this.bruteForce.recordFailure('2fa', userId, ip);
      throw new AuthError(403, AuthErrorCode.InvalidCredentials, 'The password or the code is incorrect.');
    }
    await this.tx.run(async (manager) => {
      await this.users.update(userId, {
        totpSecretEncrypted: null,
        totpEnabledAt: null,
        totpLastTimeStep: null,
      });
      await manager.delete(RecoveryCode, { userId });
      await this.audit.record({
        orgId: principal.orgId ?? null,
        actor: principal,
        action: 'auth.2fa_disabled',
      });
    });
  }

  /** Verifies a code and records its time step atomically: each code is accepted once. */

  private async userWithoutTwoFactor(userId: string) {
    const user = await this.users.get(userId);
    if (user.totpEnabledAt) {
      throw new AuthError(
        409,
        AuthErrorCode.TwoFactorAlreadyEnabled,
        'Two-factor authentication is already on.',
      );
    }
    return user;
  }
  private async acceptCode(user: User, code: string): Promise<boolean> {
    if (!user.totpSecretEncrypted || !/^\d{6}$/.test(code)) return false;
    // A value that does not decrypt (altered, or another DATA_ENCRYPTION_KEY) throws: a server fault, not a wrong code.
    const secret = this.secretBox.open(user.totpSecretEncrypted, totpContext(user.id));
    const last = user.totpLastTimeStep === null ? undefined : Number(user.totpLastTimeStep);
    const result = await verify({
      secret,
      token: code,
      epochTolerance: EPOCH_TOLERANCE_SECONDS,
      ...(last !== undefined ? { afterTimeStep: last } : {}),
    }).catch(() => ({ valid: false as const }));
    if (!result.valid || !('timeStep' in result)) return false;
    const { affected } = await this.tx.manager
      .createQueryBuilder()
      .update(User)
      .set({ totpLastTimeStep: String(result.timeStep) })
      .where('id = :id AND (totp_last_time_step IS NULL OR totp_last_time_step < :step)', {
        id: user.id,
        step: result.timeStep,
      })
      .execute();
    return Boolean(affected);
  }

  private async useRecoveryCode(userId: string, code: string): Promise<boolean> {
    const { affected } = await this.tx.manager
      .createQueryBuilder()
      .update(RecoveryCode)
      .set({ usedAt: () => 'now()' })
      .where('user_id = :userId AND code_hash = :hash AND used_at IS NULL', {
        userId,
        hash: sha256(normalizeRecoveryCode(code)),
      })
      .execute();
    return Boolean(affected);
  }

  private invalidCode(status: number): AuthError {
    return new AuthError(
      status,
      AuthErrorCode.InvalidTwoFactorCode,
      'The two-factor code is invalid or was already used.',
    );
  }
}
