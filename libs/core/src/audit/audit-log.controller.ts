import { Readable, pipeline } from 'node:stream';
import { Controller, Get, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { stringify } from 'csv-stringify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { neutraliseCsvCell } from '../csv/csv-injection';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-codes';
import { RequirePermission } from '../http/access.decorators';
import { Permission } from '../http/permissions';
import { principalOf } from '../http/request-principal';
import { AuditLog } from './audit-log.entity';
import { AuditLogRepository } from './audit-log.repository';
import { AuditService } from './audit.service';
import { AuditLogFilter, AuditLogQuery } from './dto/audit-log-query.dto';
import { AuditLogPage, toAuditLogResponse } from './dto/audit-log.response';

export const AUDIT_CSV_COLUMNS = [
  'id',
  'createdAt',
  'actorKind',
  'actorId',
  'action',
  'targetType',
  'targetId',
  'changes',
  'ip',
  'userAgent',
  'requestId',
] as const;

/** User agents and request bodies are attacker-controlled: every text cell is neutralised. */
const neutralise = neutraliseCsvCell;

const toCsvRecord = (row: AuditLog): Record<(typeof AUDIT_CSV_COLUMNS)[number], string> => ({
  id: row.id,
  createdAt: row.createdAt.toISOString(),
  actorKind: row.actorKind,
  actorId: neutralise(row.actorId),
  action: neutralise(row.action),
  targetType: neutralise(row.targetType),
  targetId: neutralise(row.targetId),
  changes: row.changes ? neutralise(JSON.stringify(row.changes)) : '',
  ip: neutralise(row.ip),
  userAgent: neutralise(row.userAgent),
  requestId: neutralise(row.requestId),
});

/** The organisation's audit log: read-only. No route updates or deletes an entry. */
@ApiTags('audit log')
@ApiBearerAuth()
@Controller('audit-log')
export class AuditLogController {
  constructor(
    private readonly entries: AuditLogRepository,
    private readonly audit: AuditService,
  ) {}

  /** Entries of the caller's organisation, newest first, filtered and cursor-paginated. */
  @Get()
  @RequirePermission(Permission.AuditRead)
  async list(@Req() request: FastifyRequest, @Query() query: AuditLogQuery): Promise<AuditLogPage> {
    const page = await this.entries.page(orgOf(request), query, query);
    return { ...page, data: page.data.map(toAuditLogResponse) };
  }

  /** The same entries as CSV (header row first), streamed; the export itself is recorded. */
  @Get('export.csv')
  @RequirePermission(Permission.AuditRead)
  @ApiProduces('text/csv')
  async export(
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
    @Query() filter: AuditLogFilter,
  ): Promise<StreamableFile> {
    const orgId = orgOf(request);
    const rows = this.entries.stream(orgId, filter);
    const principal = principalOf(request)!;
    await this.audit.record({
      orgId,
      actor: { kind: principal.kind, id: principal.id },
      action: 'audit_log.exported',
      target: { type: 'audit_log' },
    });
    const csv = stringify({ header: true, columns: [...AUDIT_CSV_COLUMNS] });
    // pipeline, not pipe: a database error half-way destroys the response instead of leaving it hanging
    // (or ending it early as if the file were complete).
    pipeline(
      Readable.from(
        (async function* () {
          for await (const row of rows) yield toCsvRecord(row);
        })(),
      ),
      csv,
      () => undefined,
    );
    void reply.type('text/csv; charset=utf-8');
    return new StreamableFile(csv, { disposition: 'attachment; filename="audit-log.csv"' });
  }
}

function orgOf(request: FastifyRequest): string {
  const principal = principalOf(request);
  if (!principal) {
    throw new AppError(401, CoreErrorCode.Unauthorized, 'Authentication is required.', undefined, {
      'WWW-Authenticate': 'Bearer',
    });
  }
  if (!principal.orgId) {
    throw new AppError(404, CoreErrorCode.NotFound, 'These credentials belong to no organisation.');
  }
  return principal.orgId;
}
