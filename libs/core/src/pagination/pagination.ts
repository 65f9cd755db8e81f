import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../errors/app-error';
import { CoreErrorCode } from '../errors/core-error-codes';

/** `?limit=&cursor=` on every list endpoint. The cursor is opaque to clients. */
export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** `{ data, nextCursor, hasMore }`, the shape of every list response. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
  hasMore: boolean;
}

export class PageMeta {
  @ApiProperty({ nullable: true, type: String })
  nextCursor: string | null;

  @ApiProperty()
  hasMore: boolean;
}

export const encodeCursor = (value: object): string =>
  Buffer.from(JSON.stringify(value)).toString('base64url');

export function decodeCursor<T extends object>(cursor: string): T {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown;
    if (typeof value === 'object' && value !== null) return value as T;
  } catch {
    // falls through to the 400 below
  }
  throw new AppError(400, CoreErrorCode.ValidationFailed, 'cursor is not a cursor returned by this API.', [
    { field: 'cursor', message: 'cursor must be a nextCursor returned by a previous page' },
  ]);
}

/** Builds a page from `limit + 1` fetched rows. */
export function toPage<T>(rows: T[], limit: number, cursorOf: (last: T) => object): Page<T> {
  const hasMore = rows.length > limit;
  const data = hasMore ? rows.slice(0, limit) : rows;
  return { data, hasMore, nextCursor: hasMore ? encodeCursor(cursorOf(data[data.length - 1])) : null };
}

/** Keyset pagination, newest first, on the time-ordered UUID v7 primary key. */
export async function paginateById<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  page: PageQuery,
): Promise<Page<T>> {
  const alias = query.alias;
  if (page.cursor) {
    const { id } = decodeCursor<{ id?: unknown }>(page.cursor);
    if (typeof id !== 'string')
      throw new AppError(400, CoreErrorCode.ValidationFailed, 'cursor is not a cursor returned by this API.');
    query.andWhere(`${alias}.id < :cursorId`, { cursorId: id });
  }
  const rows = await query
    .orderBy(`${alias}.id`, 'DESC')
    .take(page.limit + 1)
    .getMany();
  return toPage(rows, page.limit, (last) => ({ id: last.id }));
}
