import { Injectable } from '@nestjs/common';
import { TransactionContext, newId } from '@app/core';
import { AuthError, AuthErrorCode } from '../auth.errors';
import { randomSecret, sha256 } from '../crypto/secrets';
import { OneTimeToken, TokenPurpose } from '../entities/one-time-token.entity';

export const TOKEN_TTL_MS: Record<TokenPurpose, number> = {
  [TokenPurpose.VerifyEmail]: 24 * 3600_000,
  [TokenPurpose.ChangeEmail]: 24 * 3600_000,
  [TokenPurpose.ResetPassword]: 3600_000,
};

/** Single-use emailed tokens: 256 random bits, only the SHA-256 is stored. */
@Injectable()
export class OneTimeTokenService {
  constructor(private readonly tx: TransactionContext) {}

  async issue(userId: string, purpose: TokenPurpose, email: string | null = null): Promise<string> {
    const token = randomSecret(32);
    await this.tx.manager.insert(OneTimeToken, {
      id: newId(),
      userId,
      purpose,
      email,
      tokenHash: sha256(token),
      expiresAt: new Date(Date.now() + TOKEN_TTL_MS[purpose]),
      usedAt: null,
    });
    return token;
  }

  /** Marks the token used (once, atomically) and returns it; unknown, used or expired tokens are a 400. */
  async consume(token: string, purposes: TokenPurpose[], invalidCode: AuthErrorCode): Promise<OneTimeToken> {
    const result = await this.tx.manager
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: () => 'now()' })
      .where('token_hash = :hash AND purpose IN (:...purposes) AND used_at IS NULL AND expires_at > now()', {
        hash: sha256(token),
        purposes,
      })
      .returning('id, user_id, purpose, email')
      .execute();
    const row = (
      result.raw as { id: string; user_id: string; purpose: TokenPurpose; email: string | null }[]
    )[0];
    if (!row) {
      throw new AuthError(400, invalidCode, 'The link is invalid, has expired or was already used.');
    }
    return Object.assign(new OneTimeToken(), {
      id: row.id,
      userId: row.user_id,
      purpose: row.purpose,
      email: row.email,
    });
  }

  /** Invalidates the user's outstanding tokens of a purpose (e.g. older reset links after a reset). */
  async invalidate(userId: string, purpose: TokenPurpose): Promise<void> {
    await this.tx.manager
      .createQueryBuilder()
      .update(OneTimeToken)
      .set({ usedAt: () => 'now()' })
      .where('user_id = :userId AND purpose = :purpose AND used_at IS NULL', { userId, purpose })
      .execute();
  }
}
