import { Check, Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { newId } from '../database/base.entity';

/** Who did it: a user, an integrator's API key, the platform operator, or the system (jobs, schedules). */
export type AuditActorKind = 'user' | 'api_key' | 'operator' | 'system';
export const AUDIT_ACTOR_KINDS: readonly AuditActorKind[] = ['user', 'api_key', 'operator', 'system'];

/** `{ field: { before, after } }`: what a change did, secrets already redacted. */
export type AuditChanges = Record<string, { before?: unknown; after?: unknown }>;

/**
 * One recorded action. Append-only: the application never updates or deletes a row, and a trigger in the
 * database refuses UPDATE, DELETE and TRUNCATE (migration `AuditLog`). Ids are UUID v7, so ordering by id
 * is ordering by time. `orgId` is null for platform events (operator actions, failed logins of unknown
 * users) that belong to no organisation.
 */
@Entity('audit_log')
@Check('audit_log_actor_kind_check', `"actor_kind" IN ('user', 'api_key', 'operator', 'system')`)
@Index('audit_log_org_id_idx', ['orgId', 'id'])
@Index('audit_log_org_action_idx', ['orgId', 'action', 'id'])
@Index('audit_log_org_actor_idx', ['orgId', 'actorKind', 'actorId', 'id'])
@Index('audit_log_org_target_idx', ['orgId', 'targetType', 'targetId', 'id'])
export class AuditLog {
  @PrimaryColumn('uuid')
  id: string = newId();

  @Column('uuid', { nullable: true })
  orgId: string | null;

  @Column('text')
  actorKind: AuditActorKind;

  /** The user id, API key id, `operator`, or `system`. */
  @Column('text')
  actorId: string;

  /** `<resource>.<verb>` (e.g. `customer.created`, `auth.login_failed`) or `http.<method>` for requests. */
  @Column('text')
  action: string;

  /** What was acted on: a resource type (e.g. `customer`) or, for requests, the route pattern. */
  @Column('text', { nullable: true })
  targetType: string | null;

  @Column('text', { nullable: true })
  targetId: string | null;

  @Column('jsonb', { nullable: true })
  changes: AuditChanges | null;

  @Column('text', { nullable: true })
  ip: string | null;

  @Column('text', { nullable: true })
  userAgent: string | null;

  @Column('text', { nullable: true })
  requestId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
