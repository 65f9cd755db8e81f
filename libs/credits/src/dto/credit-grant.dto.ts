import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  MaxLength,
  MinLength,
} from 'class-validator';
import { PageQuery } from '@app/core';
import { CREDIT_GRANT_TYPES, CreditGrantType } from '../credits.types';
import { CREDIT_GRANT_STATUSES, CreditGrantStatus } from '../entities/credit-grant.entity';

/**
 * A grant to the customer in the path. Only shapes are checked here; the business rules (positive integer
 * amount, known currency, future expiry) are 422s from the service, naming the field.
 */
export class GrantCreditDto {
  /** Positive integer in minor units of `currency`. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount: number;

  /** ISO 4217, e.g. EUR; only invoices in this currency spend it. */
  @IsString()
  currency: string;

  @ApiProperty({ enum: CREDIT_GRANT_TYPES })
  @IsIn(CREDIT_GRANT_TYPES)
  type: CreditGrantType;

  /** Where the credit comes from, e.g. `manual` (the default), `purchase`, `overpayment`. */
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  source?: string;

  /** The id of the source object, when there is one. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  sourceId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  description?: string;

  /** ISO 8601 instant in the future; what remains then expires. No expiry when absent. */
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string;

  /** Lower numbers are spent first; default 0. */
  @IsOptional()
  @IsInt()
  priority?: number;
}

export class CreditGrantQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CREDIT_GRANT_STATUSES })
  @IsOptional()
  @IsIn(CREDIT_GRANT_STATUSES)
  status?: CreditGrantStatus;

  @IsOptional()
  @IsString()
  @MaxLength(3)
  currency?: string;
}

export class CreditHistoryQuery extends PageQuery {
  @IsOptional()
  @IsString()
  @MaxLength(3)
  currency?: string;
}
