import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import {
  AuditService,
  NotFoundError,
  Page,
  PageQuery,
  Permission,
  RequestPrincipal,
  TransactionContext,
  paginateById,
} from '@app/core';
import { AuthError, AuthErrorCode, UnauthenticatedError } from '../auth.errors';
import { randomSecret, sameDigest, sha256 } from '../crypto/secrets';
import { ApiKey } from '../entities/api-key.entity';

/** The fixed, scanner-friendly prefix of every live secret key. */
export const API_KEY_PREFIX = 'bk_live_';
const LOOKUP_LENGTH = 12;
const LAST_USED_RESOLUTION_MS = 60_000;

export interface CreateApiKey {
  name: string;
  scopes: Permission[];
  expiresAt?: Date | null;
}

export interface CreatedApiKey {
  key: ApiKey;
  secret: string;
}

export const isApiKeySecret = (token: string): boolean => token.startsWith(API_KEY_PREFIX);

/** API keys: secrets shown once, kept as SHA-256, found by a short lookup prefix. */
@Injectable()
export class ApiKeysService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly audit: AuditService,
  ) {}

  async create(orgId: string, creator: RequestPrincipal, input: CreateApiKey): Promise<CreatedApiKey> {
    const granted = new Set(creator.permissions ?? []);
    const missing = input.scopes.filter((scope) => !granted.has(scope));
    if (missing.length > 0) {
      throw new AuthError(
        403,
        AuthErrorCode.ScopeNotAllowed,
        `A key cannot have scopes its creator lacks: ${missing.join(', ')}.`,
      );
    }
    return this.tx.run(async () => {
      const created = await this.insert(orgId, {
        name: input.name,
        scopes: [...new Set(input.scopes)],
        expiresAt: input.expiresAt ?? null,
        createdBy: `${creator.kind}:${creator.id}`,
      });
      await this.audit.record({
        orgId,
        actor: creator,
        action: 'api_key.created',
        target: { type: 'api_key', id: created.key.id },
        changes: { name: { after: input.name }, scopes: { after: created.key.scopes } },
      });
      return created;
    });
  }

  list(orgId: string, page: PageQuery): Promise<Page<ApiKey>> {
    const query = this.tx.manager
      .createQueryBuilder(ApiKey, 'k')
      .where('k.org_id = :orgId AND k.revoked_at IS NULL', { orgId });
    return paginateById(query, page);
  }

  async revoke(orgId: string, actor: RequestPrincipal, id: string): Promise<void> {
    await this.tx.run(async (manager) => {
      const { affected } = await manager.update(
        ApiKey,
        { orgId, id, revokedAt: IsNull() },
        { revokedAt: new Date() },
      );
      if (!affected) throw new NotFoundError('api_key', id);
      await this.audit.record({ orgId, actor, action: 'api_key.revoked', target: { type: 'api_key', id } });
    });
  }

  /** A new secret for the same key definition; the old one keeps working for `graceHours`. */
  rotate(orgId: string, id: string, graceHours: number, creator: RequestPrincipal): Promise<CreatedApiKey> {
    return this.tx.run(async (manager) => {
      const old = await manager
        .createQueryBuilder(ApiKey, 'k')
        .setLock('pessimistic_write')
        .where('k.org_id = :orgId AND k.id = :id AND k.revoked_at IS NULL AND k.replaced_by IS NULL', {
          orgId,
          id,
        })
        .getOne();
      if (!old) throw new NotFoundError('api_key', id);
      const created = await this.insert(orgId, {
        name: old.name,
        scopes: old.scopes,
        expiresAt: old.expiresAt,
        createdBy: `${creator.kind}:${creator.id}`,
      });
      const graceEnd = new Date(Date.now() + graceHours * 3600_000);
      const expiresAt = old.expiresAt && old.expiresAt < graceEnd ? old.expiresAt : graceEnd;
      await manager.update(ApiKey, { orgId, id }, { expiresAt, replacedBy: created.key.id });
      await this.audit.record({
        orgId,
        actor: creator,
        action: 'api_key.rotated',
        target: { type: 'api_key', id },
        changes: {
          replacedBy: { after: created.key.id },
          expiresAt: { before: old.expiresAt, after: expiresAt },
        },
      });
      return created;
    });
  }

  /** Resolves a presented secret to its key, or throws a 401 with a stable code. */
  async authenticate(secret: string): Promise<ApiKey> {
    const lookup = secret.slice(API_KEY_PREFIX.length, API_KEY_PREFIX.length + LOOKUP_LENGTH);
    const key =
      lookup.length === LOOKUP_LENGTH ? await this.tx.manager.findOneBy(ApiKey, { prefix: lookup }) : null;
    if (!key || !sameDigest(key.secretHash, sha256(secret))) {
      throw new UnauthenticatedError(AuthErrorCode.InvalidApiKey, 'The API key is not valid.');
    }
    if (key.revokedAt)
      throw new UnauthenticatedError(AuthErrorCode.ApiKeyRevoked, 'The API key has been revoked.');
    if (key.expiresAt && key.expiresAt <= new Date()) {
      throw new UnauthenticatedError(AuthErrorCode.ApiKeyExpired, 'The API key has expired.');
    }
    if (!key.lastUsedAt || Date.now() - key.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
      // At most one write a minute per key, whatever the request rate.
      await this.tx.manager
        .createQueryBuilder()
        .update(ApiKey)
        .set({ lastUsedAt: () => 'now()' })
        .where(`id = :id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`, {
          id: key.id,
        })
        .execute();
    }
    return key;
  }

  private async insert(
    orgId: string,
    values: Pick<ApiKey, 'name' | 'scopes' | 'expiresAt' | 'createdBy'>,
  ): Promise<CreatedApiKey> {
    const random = randomSecret(32);
    const secret = `${API_KEY_PREFIX}${random}`;
    const key = this.tx.manager.create(ApiKey, {
      ...values,
      orgId,
      prefix: random.slice(0, LOOKUP_LENGTH),
      secretHash: sha256(secret),
      revokedAt: null,
      lastUsedAt: null,
      replacedBy: null,
    });
    await this.tx.manager.insert(ApiKey, key);
    return { key, secret };
  }
}
