import { Injectable } from '@nestjs/common';
import { AuditService, NotFoundError, RequestPrincipal, TransactionContext } from '@app/core';
import { AuthError, AuthErrorCode, UnauthenticatedError, WWW_AUTHENTICATE } from '../auth.errors';
import { AuthConfig } from '../auth.config';
import { normalizeEmail } from '../crypto/secrets';
import { Membership } from '../entities/membership.entity';
import { User } from '../entities/user.entity';
import { PasswordHasher } from '../password/password-hasher';
import { BruteForceService } from './brute-force.service';
import { MembersService } from './members.service';
import { OrganizationsService } from './organizations.service';
import { ClientInfo, IssuedTokens, SessionService } from './session.service';
import { TokenService } from './token.service';
import { TwoFactorService } from './two-factor.service';
import { UsersService } from './users.service';

export type LoginResult =
  | (IssuedTokens & { twoFactorRequired: false; twoFactorEnrollmentRequired: boolean })
  | { twoFactorRequired: true; challengeToken: string; expiresIn: number };

/** Password login, the 2FA second step, and switching organisation. */
@Injectable()
export class LoginService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly users: UsersService,
    private readonly members: MembersService,
    private readonly organizations: OrganizationsService,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly twoFactor: TwoFactorService,
    private readonly hasher: PasswordHasher,
    private readonly bruteForce: BruteForceService,
    private readonly config: AuthConfig,
    private readonly audit: AuditService,
  ) {}

  /**
   * Unknown email and wrong password take the same path (argon2 runs against a dummy hash) and get the
   * same 401, so the answer does not reveal which accounts exist.
   */
  async login(
    input: { email: string; password: string; organizationId?: string },
    client: ClientInfo,
  ): Promise<LoginResult> {
    const email = normalizeEmail(input.email);
    await this.bruteForce.assertAllowed('login', email, client.ip);
    const user = await this.users.findByEmail(email);
    const ok = await this.hasher.verify(user?.passwordHash, input.password);
    if (!user || !ok) {
      const { locked } = await this.bruteForce.recordFailure('login', email, client.ip);
      await this.recordFailure(user, email, locked);
      throw new AuthError(401, AuthErrorCode.InvalidCredentials, 'The email or password is incorrect.', {
        'WWW-Authenticate': WWW_AUTHENTICATE,
      });
    }
    await this.bruteForce.recordSuccess('login', email);
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.update(user.id, { passwordHash: await this.hasher.hash(input.password) });
    }
    if (!user.emailVerifiedAt) {
      throw new AuthError(
        403,
        AuthErrorCode.EmailNotVerified,
        'Confirm your email address first (see the email we sent).',
      );
    }
    const membership = await this.chooseMembership(user, input.organizationId);
    if (user.totpEnabledAt) {
      return {
        twoFactorRequired: true,
        challengeToken: this.tokens.signChallenge({ sub: user.id, org: membership.orgId }),
        expiresIn: this.config.challengeSeconds,
      };
    }
    return this.start(user, membership, client);
  }

  async loginSecondStep(
    input: { challengeToken: string; code?: string; recoveryCode?: string },
    client: ClientInfo,
  ): Promise<LoginResult> {
    const claims = this.tokens.verifyChallenge(input.challengeToken);
    const spent = () =>
      new UnauthenticatedError(
        AuthErrorCode.InvalidChallengeToken,
        'The challenge was already used; log in again.',
      );
    // Checked before the factor too, so that a spent challenge does not burn a recovery code.
    if (await this.bruteForce.isSpent(`challenge:${claims.jti}`)) throw spent();
    await this.twoFactor.verifySecondFactor(claims.sub, claims.org, input, client.ip);
    if (!(await this.bruteForce.spendOnce(`challenge:${claims.jti}`, this.config.challengeSeconds)))
      throw spent();
    const user = await this.users.get(claims.sub);
    return this.start(user, await this.chooseMembership(user, claims.org), client);
  }

  /** New tokens acting in another organisation the user belongs to; the current session ends. */
  async switchOrg(principal: RequestPrincipal, orgId: string, client: ClientInfo): Promise<LoginResult> {
    const membership = await this.members.find(orgId, principal.id);
    if (!membership) throw new NotFoundError('organization', orgId);
    const user = await this.users.get(principal.id);
    return this.tx.run(async () => {
      if (principal.sessionId) await this.sessions.revoke(principal.sessionId, 'switched_organization');
      await this.audit.record({
        orgId: principal.orgId ?? null,
        actor: principal,
        action: 'auth.organization_switched',
        target: { type: 'organization', id: orgId },
      });
      return this.start(user, membership, client);
    });
  }

  private async start(user: User, membership: Membership, client: ClientInfo): Promise<LoginResult> {
    const org = await this.organizations.get(membership.orgId);
    const tokens = await this.sessions.start(user.id, membership.orgId, membership.role, client);
    await this.audit.record({
      orgId: membership.orgId,
      actor: { kind: 'user', id: user.id },
      action: 'auth.login_succeeded',
      target: { type: 'session', id: tokens.sessionId },
    });
    return {
      ...tokens,
      twoFactorRequired: false,
      twoFactorEnrollmentRequired: org.require2fa && !user.totpEnabledAt,
    };
  }

  /** Failed logins are security events: recorded in the user's default organisation, or as platform events. */
  private async recordFailure(user: User | null, email: string, locked: boolean): Promise<void> {
    const orgId = user ? ((await this.members.ofUser(user.id))[0]?.orgId ?? null) : null;
    const actor = { kind: 'user' as const, id: user?.id ?? 'unknown' };
    await this.audit.record({
      orgId,
      actor,
      action: 'auth.login_failed',
      changes: { email: { after: email } },
    });
    if (locked) {
      await this.audit.record({
        orgId,
        actor,
        action: 'auth.account_locked',
        changes: { email: { after: email } },
      });
    }
  }

  private async chooseMembership(user: User, orgId?: string): Promise<Membership> {
    const memberships = await this.members.ofUser(user.id);
    const chosen = orgId ? memberships.find((m) => m.orgId === orgId) : memberships[0];
    if (!chosen) {
      throw new AuthError(
        403,
        AuthErrorCode.NoOrganization,
        orgId ? 'You are not a member of that organisation.' : 'You are not a member of any organisation.',
      );
    }
    return chosen;
  }
}
