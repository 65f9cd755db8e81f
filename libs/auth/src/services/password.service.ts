import { Injectable, Logger } from '@nestjs/common';
import { AuditService, MailService, RequestPrincipal, TransactionContext } from '@app/core';
import { AuthConfig } from '../auth.config';
import { AuthError, AuthErrorCode } from '../auth.errors';
import { normalizeEmail } from '../crypto/secrets';
import { TokenPurpose } from '../entities/one-time-token.entity';
import { passwordChangedTemplate, resetPasswordTemplate } from '../mail/auth-mail.templates';
import { PasswordHasher } from '../password/password-hasher';
import { PasswordPolicy } from '../password/password-policy';
import { BruteForceService } from './brute-force.service';
import { OneTimeTokenService } from './one-time-token.service';
import { SessionService } from './session.service';
import { UsersService } from './users.service';

/** Forgot / reset / change password. */
@Injectable()
export class PasswordService {
  private readonly logger = new Logger(PasswordService.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly users: UsersService,
    private readonly tokens: OneTimeTokenService,
    private readonly sessions: SessionService,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly mail: MailService,
    private readonly bruteForce: BruteForceService,
    private readonly config: AuthConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Answers at once, the same for every address: the lookup and the mail happen after the response,
   * so neither the body nor the timing says whether the account exists.
   */
  async forgot(email: string, ip: string): Promise<void> {
    await this.bruteForce.assertAllowed('reset', ip, ip);
    if (!(await this.bruteForce.allowMail('forgot-ip', ip, this.config.ipFailureLimit))) {
      throw new AuthError(
        429,
        AuthErrorCode.TooManyAttempts,
        'Too many password-reset requests from this address.',
        {
          'Retry-After': String(this.config.failureWindowSeconds),
        },
      );
    }
    const normalized = normalizeEmail(email);
    setImmediate(() => {
      this.sendResetLink(normalized).catch((error: unknown) =>
        this.logger.error({ err: error }, 'could not send a password-reset email'),
      );
    });
  }

  /** Sets a new password from an emailed token; every session of the user ends. */
  async reset(token: string, password: string, ip: string): Promise<void> {
    await this.bruteForce.assertAllowed('reset', ip, ip);
    this.policy.check(password);
    try {
      await this.tx.run(async () => {
        const used = await this.tokens.consume(
          token,
          [TokenPurpose.ResetPassword],
          AuthErrorCode.InvalidResetToken,
        );
        const user = await this.users.get(used.userId);
        this.policy.check(password, user.email);
        const passwordHash = await this.hasher.hash(password);
        // Receiving the link proves control of the address.
        await this.users.update(user.id, {
          passwordHash,
          emailVerifiedAt: user.emailVerifiedAt ?? new Date(),
        });
        await this.tokens.invalidate(user.id, TokenPurpose.ResetPassword);
        await this.sessions.revokeAll(user.id, 'password_reset');
        await this.audit.record({
          orgId: await this.defaultOrg(user.id),
          actor: { kind: 'user', id: user.id },
          action: 'auth.password_reset',
          target: { type: 'user', id: user.id },
        });
      });
    } catch (error) {
      if (error instanceof AuthError && error.code === (AuthErrorCode.InvalidResetToken as string)) {
        await this.bruteForce.recordFailure('reset', ip, ip);
      }
      throw error;
    }
  }

  /** Needs the current password; every other session of the user ends. */
  async change(principal: RequestPrincipal, current: string, next: string, ip: string): Promise<void> {
    const user = await this.users.get(principal.id);
    await this.bruteForce.assertAllowed('login', user.email, ip);
    if (!(await this.hasher.verify(user.passwordHash, current))) {
      await this.bruteForce.recordFailure('login', user.email, ip);
      throw new AuthError(403, AuthErrorCode.InvalidCredentials, 'The current password is incorrect.');
    }
    this.policy.check(next, user.email);
    const passwordHash = await this.hasher.hash(next);
    await this.tx.run(async () => {
      await this.users.update(user.id, { passwordHash });
      await this.sessions.revokeAll(user.id, 'password_changed', principal.sessionId);
      await this.audit.record({
        orgId: principal.orgId ?? null,
        actor: principal,
        action: 'auth.password_changed',
        target: { type: 'user', id: user.id },
      });
      await this.mail.send({
        orgId: principal.orgId ?? null,
        to: [user.email],
        template: passwordChangedTemplate,
        context: { name: user.name },
      });
    });
  }

  private async defaultOrg(userId: string): Promise<string | null> {
    const rows: { org_id: string }[] = await this.tx.manager.query(
      'SELECT org_id FROM memberships WHERE user_id = $1 ORDER BY id LIMIT 1',
      [userId],
    );
    return rows[0]?.org_id ?? null;
  }

  private async sendResetLink(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || !(await this.bruteForce.allowMail('reset', email))) return;
    await this.tx.run(async () => {
      const token = await this.tokens.issue(user.id, TokenPurpose.ResetPassword);
      await this.mail.send({
        orgId: null,
        to: [user.email],
        template: resetPasswordTemplate,
        context: {
          name: user.name,
          link: `${this.config.appUrl}/reset-password?token=${token}`,
          action: 'Choose a new password',
          hours: 1,
        },
      });
    });
  }
}
