import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, TransactionContext } from '@app/core';
import { Invitation } from '../entities/invitation.entity';
import { OneTimeToken } from '../entities/one-time-token.entity';
import { RefreshToken } from '../entities/refresh-token.entity';
import { Session } from '../entities/session.entity';

/**
 * How long ended sessions, refresh tokens and invitations are kept after they expired or were revoked:
 * long enough to answer "why was I signed out" (the sessions list) or "why does my invitation not work".
 */
export const CREDENTIAL_RETENTION_DAYS = 30;

export interface PurgeResult {
  sessions: number;
  refreshTokens: number;
  oneTimeTokens: number;
  invitations: number;
}

/** Deletes the auth rows nothing can use any more, nightly. Idempotent: a second run deletes nothing. */
@Injectable()
export class CredentialsPurgeService {
  constructor(private readonly tx: TransactionContext) {}

  @JobHandler(JobName.PurgeExpiredCredentials, { schedule: '43 2 * * *' })
  async purge(): Promise<PurgeResult> {
    const days = CREDENTIAL_RETENTION_DAYS;
    const before = `now() - make_interval(days => :days)`;
    const deleteWhere = async (
      entity: typeof Session | typeof RefreshToken | typeof OneTimeToken | typeof Invitation,
      where: string,
    ) =>
      (await this.tx.manager.createQueryBuilder().delete().from(entity).where(where, { days }).execute())
        .affected ?? 0;

    // Refresh tokens of a deleted session go with it (ON DELETE CASCADE). Those of a session still alive are
    // kept however old they are, so that a spent one presented again still revokes the session.
    const sessions = await deleteWhere(Session, `expires_at < ${before} OR revoked_at < ${before}`);
    const refreshTokens = await deleteWhere(
      RefreshToken,
      `expires_at < ${before} AND session_id IN (SELECT id FROM auth_sessions WHERE expires_at <= now() OR revoked_at IS NOT NULL)`,
    );
    // A used or expired emailed link is refused the same way as an unknown one: nothing to keep.
    const oneTimeTokens = await deleteWhere(OneTimeToken, `used_at IS NOT NULL OR expires_at < now()`);
    const invitations = await deleteWhere(Invitation, `expires_at < ${before} OR revoked_at < ${before}`);
    return { sessions, refreshTokens, oneTimeTokens, invitations };
  }
}
