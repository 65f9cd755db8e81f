import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { newId } from '../database/base.entity';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-codes';
import { IdempotencyKey, IdempotencyState } from './idempotency-key.entity';

export const IDEMPOTENCY_TTL_HOURS = 24;
/** An in-flight key whose request has not finished after this long belongs to a process that died. */
const ABANDONED_AFTER_SECONDS = 300;

export interface IdempotentRequest {
  scope: string;
  key: string;
  method: string;
  path: string;
  requestHash: string;
}

export type ClaimResult = { kind: 'claimed'; id: string } | { kind: 'replay'; status: number; body: unknown };

interface StoredRow {
  id: string;
  request_hash: string;
  state: IdempotencyState;
  response_status: number | null;
  response_body: unknown;
}

/** Stripe-style idempotency keys, settled by a unique index rather than by reading first. */
@Injectable()
export class IdempotencyStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async claim(request: IdempotentRequest): Promise<ClaimResult> {
    const claimed: { id: string }[] = await this.dataSource.query(
      `INSERT INTO idempotency_keys
         (id, scope, key, method, path, request_hash, state, locked_at, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now(), now() + make_interval(hours => $8), now())
       ON CONFLICT (scope, key) DO UPDATE SET
         method = EXCLUDED.method, path = EXCLUDED.path, request_hash = EXCLUDED.request_hash,
         state = EXCLUDED.state, response_status = NULL, response_body = NULL,
         locked_at = now(), expires_at = EXCLUDED.expires_at, created_at = now()
       WHERE idempotency_keys.expires_at < now()
          OR (idempotency_keys.state = $7
              AND idempotency_keys.request_hash = EXCLUDED.request_hash
              AND idempotency_keys.locked_at < now() - make_interval(secs => $9))
       RETURNING id`,
      [
        newId(),
        request.scope,
        request.key,
        request.method,
        request.path,
        request.requestHash,
        IdempotencyState.InFlight,
        IDEMPOTENCY_TTL_HOURS,
        ABANDONED_AFTER_SECONDS,
      ],
    );
    if (claimed.length > 0) return { kind: 'claimed', id: claimed[0].id };

    const [existing]: StoredRow[] = await this.dataSource.query(
      `SELECT id, request_hash, state, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [request.scope, request.key],
    );
    if (!existing) return this.claim(request); // purged between the two statements
    if (existing.request_hash !== request.requestHash) {
      throw new AppError(
        422,
        CoreErrorCode.IdempotencyKeyReused,
        'This Idempotency-Key was already used with a different request; use a new key for a new request.',
      );
    }
    if (existing.state === IdempotencyState.InFlight) {
      throw new AppError(
        409,
        CoreErrorCode.IdempotencyKeyInFlight,
        'A request with this Idempotency-Key is still being processed; retry after it completes.',
        undefined,
        { 'Retry-After': '1' },
      );
    }
    return { kind: 'replay', status: existing.response_status ?? 200, body: existing.response_body };
  }

  async complete(id: string, status: number, body: unknown): Promise<void> {
    await this.dataSource.query(
      `UPDATE idempotency_keys SET state = $2, response_status = $3, response_body = $4 WHERE id = $1`,
      [id, IdempotencyState.Completed, status, JSON.stringify(body ?? null)],
    );
  }

  /** Forgets a key whose request failed, so the client can retry it (the failed request changed nothing). */
  async release(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM idempotency_keys WHERE id = $1`, [id]);
  }

  async purgeExpired(): Promise<number> {
    const result = await this.dataSource
      .createQueryBuilder()
      .delete()
      .from(IdempotencyKey)
      .where('expires_at < now()')
      .execute();
    return result.affected ?? 0;
  }
}
