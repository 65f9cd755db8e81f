import type { AuditActorKind, AuditChanges, AuditLog } from '../audit-log.entity';

export class AuditLogResponse {
  id: string;
  orgId: string | null;
  actorKind: AuditActorKind;
  actorId: string;
  action: string;
  targetType: string | null;
  targetId: string | null;
  /** `{ field: { before, after } }`, secrets shown as `[redacted]`. */
  changes: AuditChanges | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  createdAt: Date;
}

export class AuditLogPage {
  data: AuditLogResponse[];
  nextCursor: string | null;
  hasMore: boolean;
}

export const toAuditLogResponse = (row: AuditLog): AuditLogResponse => ({
  id: row.id,
  orgId: row.orgId,
  actorKind: row.actorKind,
  actorId: row.actorId,
  action: row.action,
  targetType: row.targetType,
  targetId: row.targetId,
  changes: row.changes,
  ip: row.ip,
  userAgent: row.userAgent,
  requestId: row.requestId,
  createdAt: row.createdAt,
});
