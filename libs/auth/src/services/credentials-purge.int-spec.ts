import { INestApplicationContext } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { newId } from '@app/core';
import { startCoreContext } from '../../../../test/kit/core-context';
import { AuthModule } from '../auth.module';
import { Invitation } from '../entities/invitation.entity';
import { OneTimeToken, TokenPurpose } from '../entities/one-time-token.entity';
import { Organization } from '../entities/organization.entity';
import { RefreshToken } from '../entities/refresh-token.entity';
import { Session } from '../entities/session.entity';
import { User } from '../entities/user.entity';
import { Role } from '../roles';
import { CREDENTIAL_RETENTION_DAYS, CredentialsPurgeService } from './credentials-purge.service';

const DAY = 24 * 3600 * 1000;
const daysFromNow = (days: number) => new Date(Date.now() + days * DAY);
const hash = () => randomBytes(16).toString('hex');

describe('CredentialsPurgeService (auth.purge-expired-credentials)', () => {
  let context: INestApplicationContext;
  let db: EntityManager;
  beforeAll(async () => {
    context = await startCoreContext([AuthModule]);
    db = context.get(DataSource).manager;
  });
  afterAll(() => context.close());

  async function seedUser(): Promise<{ orgId: string; userId: string }> {
    const org = db.create(Organization, { name: 'Purge Ltd', taxIds: [] });
    const user = db.create(User, {
      email: `purge-${hash()}@example.test`,
      name: 'P',
      passwordHash: 'x',
      emailVerifiedAt: null,
      totpSecretEncrypted: null,
      totpEnabledAt: null,
      totpLastTimeStep: null,
    });
    await db.save([org, user]);
    return { orgId: org.id, userId: user.id };
  }

  async function session(userId: string, orgId: string, expiresInDays: number, revokedDaysAgo?: number) {
    const row = db.create(Session, {
      userId,
      orgId,
      userAgent: null,
      ip: null,
      lastUsedAt: new Date(),
      expiresAt: daysFromNow(expiresInDays),
      revokedAt: revokedDaysAgo === undefined ? null : daysFromNow(-revokedDaysAgo),
      revokedReason: revokedDaysAgo === undefined ? null : 'logout',
    });
    await db.insert(Session, row);
    return row.id;
  }

  async function refreshToken(sessionId: string, expiresInDays: number, usedDaysAgo?: number) {
    const id = newId();
    await db.insert(RefreshToken, {
      id,
      sessionId,
      tokenHash: hash(),
      expiresAt: daysFromNow(expiresInDays),
      usedAt: usedDaysAgo === undefined ? null : daysFromNow(-usedDaysAgo),
    });
    return id;
  }

  async function oneTimeToken(userId: string, expiresInDays: number, usedDaysAgo?: number) {
    const id = newId();
    await db.insert(OneTimeToken, {
      id,
      userId,
      purpose: TokenPurpose.ResetPassword,
      tokenHash: hash(),
      email: null,
      expiresAt: daysFromNow(expiresInDays),
      usedAt: usedDaysAgo === undefined ? null : daysFromNow(-usedDaysAgo),
    });
    return id;
  }

  async function invitation(
    orgId: string,
    invitedBy: string,
    expiresInDays: number,
    state: { acceptedDaysAgo?: number; revokedDaysAgo?: number } = {},
  ) {
    const id = newId();
    await db.insert(Invitation, {
      id,
      orgId,
      email: `invitee-${hash()}@example.test`,
      role: Role.Viewer,
      tokenHash: hash(),
      invitedBy,
      expiresAt: daysFromNow(expiresInDays),
      acceptedAt: state.acceptedDaysAgo === undefined ? null : daysFromNow(-state.acceptedDaysAgo),
      revokedAt: state.revokedDaysAgo === undefined ? null : daysFromNow(-state.revokedDaysAgo),
    });
    return id;
  }

  const remaining = async (
    entity: typeof Session | typeof RefreshToken | typeof OneTimeToken | typeof Invitation,
    ids: string[],
  ) =>
    (
      await db
        .createQueryBuilder(entity, 'row')
        .select('row.id', 'id')
        .where('row.id IN (:...ids)', { ids })
        .getRawMany<{ id: string }>()
    )
      .map((row) => row.id)
      .sort();

  it(`deletes what expired or was revoked more than ${CREDENTIAL_RETENTION_DAYS} days ago and keeps live rows`, async () => {
    const { orgId, userId } = await seedUser();
    const past = CREDENTIAL_RETENTION_DAYS + 1;

    const liveSession = await session(userId, orgId, 10);
    const recentlyRevoked = await session(userId, orgId, 10, 5);
    const recentlyExpired = await session(userId, orgId, -5);
    const longExpired = await session(userId, orgId, -past);
    const longRevoked = await session(userId, orgId, 10, past);

    const liveToken = await refreshToken(liveSession, 7);
    const spentToken = await refreshToken(liveSession, 7, 1); // kept: reuse must still be detected
    // A long-lived session (AUTH_SESSION_MAX_SECONDS raised): its old spent tokens stay while it lives.
    const oldTokenOfLiveSession = await refreshToken(liveSession, -past, past + 1);
    const tokenOfRecentlyExpired = await refreshToken(recentlyExpired, -10);
    const longExpiredToken = await refreshToken(recentlyExpired, -past);
    const tokenOfLongExpired = await refreshToken(longExpired, -past - 5);
    const tokenOfLongRevoked = await refreshToken(longRevoked, 7);

    const liveLink = await oneTimeToken(userId, 1);
    const usedLink = await oneTimeToken(userId, 1, 0);
    const expiredLink = await oneTimeToken(userId, -0.01);

    const pending = await invitation(orgId, userId, 7);
    const accepted = await invitation(orgId, userId, 5, { acceptedDaysAgo: 2 });
    const recentlyExpiredInvite = await invitation(orgId, userId, -5);
    const longExpiredInvite = await invitation(orgId, userId, -past);
    const longRevokedInvite = await invitation(orgId, userId, 7, { revokedDaysAgo: past });

    const result = await context.get(CredentialsPurgeService).purge();

    expect(
      await remaining(Session, [liveSession, recentlyRevoked, recentlyExpired, longExpired, longRevoked]),
    ).toEqual([liveSession, recentlyRevoked, recentlyExpired].sort());
    expect(
      await remaining(RefreshToken, [
        liveToken,
        spentToken,
        oldTokenOfLiveSession,
        tokenOfRecentlyExpired,
        longExpiredToken,
        tokenOfLongExpired,
        tokenOfLongRevoked,
      ]),
    ).toEqual([liveToken, spentToken, oldTokenOfLiveSession, tokenOfRecentlyExpired].sort());
    expect(await remaining(OneTimeToken, [liveLink, usedLink, expiredLink])).toEqual([liveLink]);
    expect(
      await remaining(Invitation, [
        pending,
        accepted,
        recentlyExpiredInvite,
        longExpiredInvite,
        longRevokedInvite,
      ]),
    ).toEqual([pending, accepted, recentlyExpiredInvite].sort());
    // The refresh tokens of deleted sessions went with them (cascade), so only one is counted here.
    expect(result).toEqual({ sessions: 2, refreshTokens: 1, oneTimeTokens: 2, invitations: 2 });

    // Idempotent: a second run (at-least-once delivery) finds nothing more.
    expect(await context.get(CredentialsPurgeService).purge()).toEqual({
      sessions: 0,
      refreshTokens: 0,
      oneTimeTokens: 0,
      invitations: 0,
    });
  });
});
