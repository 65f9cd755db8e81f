import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-codes';
import { Page, PageQuery, paginateById } from '../pagination/pagination';
import { AuditLog } from './audit-log.entity';
import { AuditLogFilter } from './dto/audit-log-query.dto';

const EXPORT_BATCH = 1000;

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Reads of the audit log, always within one organisation. Nothing here updates or deletes. */
@Injectable()
export class AuditLogRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  page(orgId: string, filter: AuditLogFilter, page: PageQuery): Promise<Page<AuditLog>> {
    return paginateById(this.filtered(orgId, filter), page);
  }

  /** Every matching entry, newest first, fetched in keyset batches so memory stays flat. */
  async *stream(orgId: string, filter: AuditLogFilter): AsyncGenerator<AuditLog> {
    let lastId: string | undefined;
    for (;;) {
      const query = this.filtered(orgId, filter);
      if (lastId) query.andWhere('entry.id < :lastId', { lastId });
      const rows = await query.orderBy('entry.id', 'DESC').take(EXPORT_BATCH).getMany();
      yield* rows;
      if (rows.length < EXPORT_BATCH) return;
      lastId = rows[rows.length - 1].id;
    }
  }

  /** Validates what the DTO cannot (from before to), then builds the org-scoped, filtered query. */
  filtered(orgId: string, filter: AuditLogFilter): SelectQueryBuilder<AuditLog> {
    if (filter.from && filter.to && Date.parse(filter.from) > Date.parse(filter.to)) {
      throw new AppError(400, CoreErrorCode.ValidationFailed, 'from must not be later than to.', [
        { field: 'from', message: 'from must not be later than to' },
      ]);
    }
    const query = this.dataSource
      .getRepository(AuditLog)
      .createQueryBuilder('entry')
      .where('entry.org_id = :orgId', { orgId });
    if (filter.actorKind) query.andWhere('entry.actor_kind = :actorKind', { actorKind: filter.actorKind });
    if (filter.actorId) query.andWhere('entry.actor_id = :actorId', { actorId: filter.actorId });
    if (filter.action?.endsWith('.*')) {
      query.andWhere(`entry.action LIKE :actionPrefix ESCAPE '\\'`, {
        actionPrefix: `${escapeLike(filter.action.slice(0, -1))}%`,
      });
    } else if (filter.action) {
      query.andWhere('entry.action = :action', { action: filter.action });
    }
    if (filter.targetType)
      query.andWhere('entry.target_type = :targetType', { targetType: filter.targetType });
    if (filter.targetId) query.andWhere('entry.target_id = :targetId', { targetId: filter.targetId });
    if (filter.from) query.andWhere('entry.created_at >= :from', { from: new Date(filter.from) });
    if (filter.to) query.andWhere('entry.created_at < :to', { to: new Date(filter.to) });
    return query;
  }
}
