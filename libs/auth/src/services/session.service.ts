import { Injectable } from '@nestjs/common';
import { IsNull, MoreThan, Not } from 'typeorm';
import { AuditService, NotFoundError, RequestPrincipal, TransactionContext, newId } from '@app/core';
import { AuthConfig } from '../auth.config';
import { AuthErrorCode, UnauthenticatedError } from '../auth.errors';
import { randomSecret, sha256 } from '../crypto/secrets';
import { RefreshToken } from '../entities/refresh-token.entity';
import { Session } from '../entities/session.entity';
import { TokenService } from './token.service';

export interface ClientInfo {
  ip: string;
  userAgent?: string;
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  sessionId: string;
}

/** What an access token's session resolves to on each request. */
export interface SessionState {
  userId: string;
  orgId: string;
  role: string | null;
  revoked: boolean;
  twoFactorEnrollmentRequired: boolean;
}

/**
 * Sessions are refresh-token families. Every refresh rotates the token; presenting a token that was
 * already rotated is treated as theft and revokes the whole family.
 */
@Injectable()
export class SessionService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly tokens: TokenService,
    private readonly config: AuthConfig,
    private readonly audit: AuditService,
  ) {}

  async start(userId: string, orgId: string, role: string, client: ClientInfo): Promise<IssuedTokens> {
    const now = new Date();
    const session = this.tx.manager.create(Session, {
      userId,
      orgId,
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 512) ?? null,
      lastUsedAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionMaxSeconds * 1000),
      revokedAt: null,
    });
    await this.tx.manager.insert(Session, session);
    return this.issue(session, role);
  }

  async refresh(refreshToken: string, client: ClientInfo): Promise<IssuedTokens> {
    const invalid = () =>
      new UnauthenticatedError(AuthErrorCode.InvalidRefreshToken, 'The refresh token is invalid or expired.');
    const hash = sha256(refreshToken);
    const token = await this.tx.manager.findOneBy(RefreshToken, { tokenHash: hash });
    if (!token) throw invalid();
    // Settle concurrent refreshes in the database: exactly one caller marks the token as used.
    const { affected } = await this.tx.manager
      .createQueryBuilder()
      .update(RefreshToken)
      .set({ usedAt: () => 'now()' })
      .where('id = :id AND used_at IS NULL', { id: token.id })
      .execute();
    if (!affected) {
      await this.revoke(token.sessionId, 'refresh_token_reused');
      const session = await this.tx.manager.findOneBy(Session, { id: token.sessionId });
      if (session) {
        await this.audit.record({
          orgId: session.orgId,
          actor: { kind: 'user', id: session.userId },
          action: 'auth.refresh_token_reused',
          target: { type: 'session', id: session.id },
        });
      }
      throw new UnauthenticatedError(
        AuthErrorCode.RefreshTokenReused,
        'The refresh token was already used; the session has been revoked.',
      );
    }
    const state = await this.stateOf(token.sessionId);
    const session = await this.tx.manager.findOneBy(Session, { id: token.sessionId });
    if (!session || !state || state.revoked || !state.role || token.expiresAt <= new Date()) throw invalid();
    await this.tx.manager.update(Session, session.id, {
      lastUsedAt: new Date(),
      ip: client.ip,
      userAgent: client.userAgent?.slice(0, 512) ?? session.userAgent,
    });
    return this.issue(session, state.role);
  }

  /** Session, membership and 2FA state in one query; null if the session does not exist. */
  async stateOf(sessionId: string): Promise<SessionState | null> {
    const rows: {
      user_id: string;
      org_id: string;
      role: string | null;
      revoked: boolean;
      enrollment_required: boolean;
    }[] = await this.tx.manager.query(
      `SELECT s.user_id, s.org_id, m.role,
              (s.revoked_at IS NOT NULL OR s.expires_at <= now()) AS revoked,
              (o.require2fa AND u.totp_enabled_at IS NULL) AS enrollment_required
         FROM auth_sessions s
         JOIN users u ON u.id = s.user_id
         JOIN organizations o ON o.id = s.org_id
         LEFT JOIN memberships m ON m.org_id = s.org_id AND m.user_id = s.user_id
        WHERE s.id = $1`,
      [sessionId],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      userId: row.user_id,
      orgId: row.org_id,
      role: row.role,
      revoked: row.revoked,
      twoFactorEnrollmentRequired: row.enrollment_required,
    };
  }

  async revoke(sessionId: string, reason: string): Promise<void> {
    await this.tx.manager.update(
      Session,
      { id: sessionId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  /** Revokes every session of the user, or every one but `exceptSessionId`. */
  async revokeAll(userId: string, reason: string, exceptSessionId?: string): Promise<void> {
    await this.tx.manager.update(
      Session,
      { userId, revokedAt: IsNull(), ...(exceptSessionId ? { id: Not(exceptSessionId) } : {}) },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  /** Revokes the user's sessions in one organisation (e.g. after removal from it). */
  async revokeInOrg(userId: string, orgId: string, reason: string): Promise<void> {
    await this.tx.manager.update(
      Session,
      { userId, orgId, revokedAt: IsNull() },
      { revokedAt: new Date(), revokedReason: reason },
    );
  }

  listActive(userId: string): Promise<Session[]> {
    return this.tx.manager.find(Session, {
      where: { userId, revokedAt: IsNull(), expiresAt: MoreThan(new Date()) },
      order: { id: 'DESC' },
    });
  }

  async revokeOwn(principal: RequestPrincipal, sessionId: string, reason = 'revoked_by_user'): Promise<void> {
    const session = await this.tx.manager.findOneBy(Session, {
      id: sessionId,
      userId: principal.id,
      revokedAt: IsNull(),
    });
    if (!session) throw new NotFoundError('session', sessionId);
    await this.revoke(sessionId, reason);
    await this.audit.record({
      orgId: principal.orgId ?? null,
      actor: principal,
      action: reason === 'logout' ? 'auth.logout' : 'auth.session_revoked',
      target: { type: 'session', id: sessionId },
    });
  }

  /** Logout everywhere. */
  async revokeAllOwn(principal: RequestPrincipal): Promise<void> {
    await this.revokeAll(principal.id, 'logout_everywhere');
    await this.audit.record({ orgId: principal.orgId ?? null, actor: principal, action: 'auth.logout_all' });
  }

  private async issue(session: Session, role: string): Promise<IssuedTokens> {
    const refreshToken = randomSecret(32);
    const expiresAt = new Date(
      Math.min(Date.now() + this.config.refreshTokenSeconds * 1000, session.expiresAt.getTime()),
    );
    await this.tx.manager.insert(RefreshToken, {
      id: newId(),
      sessionId: session.id,
      tokenHash: sha256(refreshToken),
      expiresAt,
      usedAt: null,
    });
    return {
      accessToken: this.tokens.signAccess({ sub: session.userId, org: session.orgId, role, sid: session.id }),
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: this.config.accessTokenSeconds,
      sessionId: session.id,
    };
  }
}
