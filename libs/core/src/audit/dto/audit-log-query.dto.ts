import { IntersectionType } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { PageQuery } from '../../pagination/pagination';
import { AUDIT_ACTOR_KINDS, AuditActorKind } from '../audit-log.entity';

/** Filters of the audit log list and of its CSV export. All of them combine with AND. */
export class AuditLogFilter {
  /** `user`, `api_key`, `operator` or `system`. */
  @IsOptional()
  @IsIn(AUDIT_ACTOR_KINDS)
  actorKind?: AuditActorKind;

  /** The user id, API key id, `operator` or `system`. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  actorId?: string;

  /** An exact action (`customer.created`) or every action under a prefix (`customer.*`, `http.*`). */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(/^[A-Za-z0-9_:/-]+(\.[A-Za-z0-9_:/-]+)*(\.\*)?$/, {
    message: 'action must be an action name such as customer.created, or a prefix such as customer.*',
  })
  action?: string;

  /** A resource type (`customer`) or, for requests, a route pattern (`/v1/customers/:id`). */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  targetType?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(512)
  targetId?: string;

  /** Entries created at or after this instant (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Entries created before this instant (ISO 8601, exclusive). */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

/** `GET /v1/audit-log`: the filters plus cursor pagination, newest first. */
export class AuditLogQuery extends IntersectionType(AuditLogFilter, PageQuery) {}
