import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery, queryBoolean } from '@app/core';
import {
  DISCREPANCY_KINDS,
  DiscrepancyKind,
  RECONCILIATION_STATUSES,
  RECONCILIATION_TRIGGERS,
  ReconciliationStatus,
  ReconciliationTrigger,
} from './reconciliation-run.entity';

/** The longest period one run may cover. */
export const MAX_PERIOD_DAYS = 92;

/** The period [from, to) to reconcile; `to` not in the future, at most 92 days after `from`. */
export class CreateReconciliationDto {
  /** ISO 8601 (a date is its start, UTC); included. */
  @ApiProperty({ example: '2026-01-01T00:00:00Z' })
  @IsISO8601({ strict: true })
  from: string;

  /** ISO 8601; excluded. */
  @ApiProperty({ example: '2026-01-02T00:00:00Z' })
  @IsISO8601({ strict: true })
  to: string;
}

export class ReconciliationRunQuery extends PageQuery {
  @ApiPropertyOptional({ enum: RECONCILIATION_STATUSES })
  @IsOptional()
  @IsIn(RECONCILIATION_STATUSES)
  status?: ReconciliationStatus;

  @ApiPropertyOptional({ enum: RECONCILIATION_TRIGGERS })
  @IsOptional()
  @IsIn(RECONCILIATION_TRIGGERS)
  trigger?: ReconciliationTrigger;
}

export class DiscrepancyFilter {
  @ApiPropertyOptional({ enum: DISCREPANCY_KINDS })
  @IsOptional()
  @IsIn(DISCREPANCY_KINDS)
  kind?: DiscrepancyKind;

  /** `true`: only resolved ones; `false`: only open ones. */
  @IsOptional()
  @Transform(queryBoolean)
  @IsBoolean()
  resolved?: boolean;
}

export class DiscrepancyQuery extends IntersectionType(DiscrepancyFilter, PageQuery) {}

export class ResolveDiscrepancyDto {
  /** What was done about it (e.g. "refund recorded by hand", "Stripe fee adjusted"). */
  @IsString()
  @Length(1, 1000)
  note: string;
}
