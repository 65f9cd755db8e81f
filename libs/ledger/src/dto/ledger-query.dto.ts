import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength, ValidateBy } from 'class-validator';
import { PageQuery, isCurrencyCode } from '@app/core';
import { JOURNAL_KINDS, JournalKind } from '../ledger.types';

const upper = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.toUpperCase() : value);

const IsCurrencyCode = (): PropertyDecorator =>
  ValidateBy({
    name: 'isCurrencyCode',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isCurrencyCode(value),
      defaultMessage: () => '$property must be an ISO 4217 currency code',
    },
  });

/** `?from=&to=&currency=`: a half-open period [from, to) of occurrence times. */
export class PeriodQuery {
  /** Inclusive start (ISO 8601); from the first posting when absent. */
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  /** Exclusive end (ISO 8601); now when absent. */
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class TrialBalanceQuery extends PeriodQuery {
  /** ISO 4217; every currency the org posted in when absent. */
  @IsOptional()
  @Transform(upper)
  @IsCurrencyCode()
  currency?: string;
}

export class StatementQuery extends PeriodQuery {
  /** ISO 4217; the customer's currency when absent. */
  @IsOptional()
  @Transform(upper)
  @IsCurrencyCode()
  currency?: string;
}

export class JournalQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(64)
  sourceType?: string;

  @IsOptional()
  @IsString()
  @MaxLength(128)
  sourceId?: string;

  @ApiPropertyOptional({ enum: JOURNAL_KINDS })
  @IsOptional()
  @IsIn(JOURNAL_KINDS)
  kind?: JournalKind;

  /** Journals with at least one line of this customer. */
  @IsOptional()
  @IsUUID()
  customerId?: string;
}
