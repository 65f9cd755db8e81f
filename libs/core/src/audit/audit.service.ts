import { Injectable } from '@nestjs/common';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { TransactionContext } from '../database/transaction-context';
import { AuditActorKind, AuditChanges, AuditLog } from './audit-log.entity';
import { AuditRequestContext, AuditRequestInfo } from './audit-request-context';
import { redactChanges } from './redact';

export interface AuditActor {
  kind: AuditActorKind;
  id: string;
}

/** What a service records. A `RequestPrincipal` can be passed as `actor` as is. */
export interface AuditEntry {
  /** The organisation the action belongs to; null for platform events (operator, unknown user). */
  orgId: string | null;
  /** Who did it, or `'system'` for jobs and schedules. */
  actor: AuditActor | 'system';
  /** `<resource>.<verb>`, e.g. `customer.created`, `auth.login_failed`, `api_key.revoked`. */
  action: string;
  target?: { type: string; id?: string | null };
  /** `{ field: { before, after } }`; secret-looking fields are redacted before writing. */
  changes?: AuditChanges | null;
  /** Defaults to the HTTP request being handled (ip, user agent, request id), if any. */
  request?: Partial<AuditRequestInfo>;
}

/** Changes bigger than this (serialized) are not stored; the entry says how big they were. */
export const MAX_CHANGES_BYTES = 32 * 1024;
const MAX_TEXT = 512;

function capChanges(changes: AuditChanges | null): AuditChanges | null {
  if (!changes || Object.keys(changes).length === 0) return null;
  const size = Buffer.byteLength(JSON.stringify(changes));
  return size > MAX_CHANGES_BYTES ? { _truncated: { after: `[${size} bytes not recorded]` } } : changes;
}

const text = (value: string | null | undefined): string | null =>
  value === null || value === undefined || value === '' ? null : value.slice(0, MAX_TEXT);

@Injectable()
export class AuditService {
  constructor(private readonly tx: TransactionContext) {}

  /**
   * Appends one entry to the audit log through the current transaction's manager, so the entry commits
   * or rolls back with the change it describes. Outside a transaction it is written on its own.
   */
  async record(entry: AuditEntry): Promise<AuditLog> {
    if (!entry.action || entry.action.length > 200)
      throw new Error('audit action must be 1 to 200 characters');
    const actor = entry.actor === 'system' ? { kind: 'system' as const, id: 'system' } : entry.actor;
    const request = { ...AuditRequestContext.info(), ...entry.request };
    const row = new AuditLog();
    Object.assign(row, {
      orgId: entry.orgId ?? null,
      actorKind: actor.kind,
      actorId: actor.id,
      action: entry.action,
      targetType: text(entry.target?.type),
      targetId: text(entry.target?.id),
      changes: capChanges(entry.changes ? redactChanges(entry.changes) : null),
      ip: text(request.ip),
      userAgent: text(request.userAgent),
      requestId: text(request.requestId),
    });
    // insert, not save: no SELECT first, and the entity never gets an UPDATE path. (The JSONB column's type
    // is wider than TypeORM's deep-partial typing of it, hence the cast.)
    await this.tx.manager.getRepository(AuditLog).insert(row as QueryDeepPartialEntity<AuditLog>);
    return row;
  }
}
