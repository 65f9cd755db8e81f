import { Injectable, Logger } from '@nestjs/common';
import { AuditService, MailService, RequestPrincipal, TransactionContext } from '@app/core';
import { AuthConfig } from '../auth.config';
import { AuthError, AuthErrorCode } from '../auth.errors';
import { normalizeEmail } from '../crypto/secrets';
import { TokenPurpose } from '../entities/one-time-token.entity';
import { User } from '../entities/user.entity';
import { accountExistsTemplate, changeEmailTemplate, verifyEmailTemplate } from '../mail/auth-mail.templates';
import { PasswordHasher } from '../password/password-hasher';
import { PasswordPolicy } from '../password/password-policy';
import { Role } from '../roles';
import { BruteForceService } from './brute-force.service';
import { MembersService } from './members.service';
import { OneTimeTokenService } from './one-time-token.service';
import { OrganizationsService } from './organizations.service';
import { UsersService } from './users.service';

export interface SignupInput {
  name: string;
  email: string;
  password: string;
  organizationName: string;
}

/** Sign-up, email verification and email change. */
@Injectable()
export class AccountService {
  private readonly logger = new Logger(AccountService.name);

  constructor(
    private readonly tx: TransactionContext,
    private readonly users: UsersService,
    private readonly organizations: OrganizationsService,
    private readonly members: MembersService,
    private readonly tokens: OneTimeTokenService,
    private readonly hasher: PasswordHasher,
    private readonly policy: PasswordPolicy,
    private readonly mail: MailService,
    private readonly bruteForce: BruteForceService,
    private readonly config: AuthConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Creates the organisation and its owner in one transaction and mails a verification link. An email
   * that already has an account gets a notice instead; the caller sees the same answer either way.
   */
  async signup(input: SignupInput): Promise<void> {
    const email = normalizeEmail(input.email);
    this.policy.check(input.password, email);
    const passwordHash = await this.hasher.hash(input.password); // also for existing emails: same timing
    const existing = await this.users.findByEmail(email);
    if (existing) {
      if (await this.bruteForce.allowMail('signup', email)) {
        await this.mail.send({
          orgId: null,
          to: [email],
          template: accountExistsTemplate,
          context: { name: existing.name, link: `${this.config.appUrl}/forgot-password` },
        });
      }
      return;
    }
    await this.tx.run(async () => {
      const org = await this.organizations.create(input.organizationName);
      const user = await this.users.insert({ email, name: input.name, passwordHash, emailVerifiedAt: null });
      await this.members.add(org.id, user.id, Role.Owner);
      await this.audit.record({
        orgId: org.id,
        actor: { kind: 'user', id: user.id },
        action: 'organization.created',
        target: { type: 'organization', id: org.id },
        changes: { name: { after: org.name }, owner: { after: email } },
      });
      await this.sendVerification(user, org.id);
    });
  }

  /** Like forgot-password: answered at once, the lookup and the mail happen after the response. */
  resendVerification(email: string): void {
    setImmediate(() => {
      this.sendVerificationAgain(normalizeEmail(email)).catch((error: unknown) =>
        this.logger.error({ err: error }, 'could not resend a verification email'),
      );
    });
  }

  private async sendVerificationAgain(email: string): Promise<void> {
    const user = await this.users.findByEmail(email);
    if (!user || user.emailVerifiedAt || !(await this.bruteForce.allowMail('verify', user.email))) return;
    await this.tx.run(() => this.sendVerification(user, null));
  }

  /** Confirms an address: the sign-up address, or the new address of an email change. */
  verifyEmail(token: string): Promise<{ email: string }> {
    return this.tx.run(async () => {
      const used = await this.tokens.consume(
        token,
        [TokenPurpose.VerifyEmail, TokenPurpose.ChangeEmail],
        AuthErrorCode.InvalidVerificationToken,
      );
      const user = await this.users.get(used.userId);
      if (used.purpose === TokenPurpose.ChangeEmail && used.email) {
        await this.users.update(user.id, { email: used.email, emailVerifiedAt: new Date() });
        const orgIds = (await this.members.ofUser(user.id)).map((m) => m.orgId);
        for (const orgId of orgIds.length ? orgIds : [null]) {
          await this.audit.record({
            orgId,
            actor: { kind: 'user', id: user.id },
            action: 'auth.email_changed',
            target: { type: 'user', id: user.id },
            changes: { email: { before: user.email, after: used.email } },
          });
        }
        await this.tokens.invalidate(user.id, TokenPurpose.ChangeEmail);
        await this.tokens.invalidate(user.id, TokenPurpose.ResetPassword);
        return { email: used.email };
      }
      if (!user.emailVerifiedAt) {
        await this.users.update(user.id, { emailVerifiedAt: new Date() });
        await this.audit.record({
          orgId: (await this.members.ofUser(user.id))[0]?.orgId ?? null,
          actor: { kind: 'user', id: user.id },
          action: 'auth.email_verified',
          target: { type: 'user', id: user.id },
        });
      }
      return { email: user.email };
    });
  }

  /** Re-authenticates with the password, then mails a link to the new address; the switch waits for it. */
  async requestEmailChange(
    principal: RequestPrincipal,
    password: string,
    newEmail: string,
    ip: string,
  ): Promise<void> {
    const user = await this.users.get(principal.id);
    await this.bruteForce.assertAllowed('login', user.email, ip);
    if (!(await this.hasher.verify(user.passwordHash, password))) {
      await this.bruteForce.recordFailure('login', user.email, ip);
      throw new AuthError(403, AuthErrorCode.InvalidCredentials, 'The password is incorrect.');
    }
    const email = normalizeEmail(newEmail);
    await this.tx.run(async () => {
      await this.tokens.invalidate(user.id, TokenPurpose.ChangeEmail);
      const token = await this.tokens.issue(user.id, TokenPurpose.ChangeEmail, email);
      await this.audit.record({
        orgId: principal.orgId ?? null,
        actor: principal,
        action: 'auth.email_change_requested',
        target: { type: 'user', id: user.id },
        changes: { email: { before: user.email, after: email } },
      });
      await this.mail.send({
        orgId: null,
        to: [email],
        template: changeEmailTemplate,
        context: {
          name: user.name,
          link: `${this.config.appUrl}/verify-email?token=${token}`,
          action: 'Confirm new address',
          hours: 24,
        },
      });
    });
  }

  private async sendVerification(user: User, orgId: string | null): Promise<void> {
    const token = await this.tokens.issue(user.id, TokenPurpose.VerifyEmail);
    await this.mail.send({
      orgId,
      to: [user.email],
      template: verifyEmailTemplate,
      context: {
        name: user.name,
        link: `${this.config.appUrl}/verify-email?token=${token}`,
        action: 'Confirm email address',
        hours: 24,
      },
    });
  }
}
