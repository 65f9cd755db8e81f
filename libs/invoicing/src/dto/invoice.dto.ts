import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/core';
import { INVOICE_STATUSES, InvoiceStatus, PAYMENT_STATES, PaymentState } from '../entities/invoice.entity';
import { INVOICE_LINE_KINDS, InvoiceLineKind } from '../entities/invoice-line.entity';

export const MAX_LINES = 500;

/** Deposit lines are written only by the deposit flow (docs/payments-installments-deposits.md). */
const MANUAL_LINE_KINDS = INVOICE_LINE_KINDS.filter((kind) => kind !== 'deposit');

/** A line to add to a draft. Decimal strings are validated by the service (422 naming the field). */
export class InvoiceLineDto {
  @ApiProperty({ enum: MANUAL_LINE_KINDS })
  @IsIn(MANUAL_LINE_KINDS)
  kind: InvoiceLineKind;

  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description: string;

  /** Non-negative decimal string, e.g. "3" or "1234.5". */
  @IsString()
  @MaxLength(45)
  quantity: string;

  /** Price per unit in MAJOR units of the invoice currency, decimal string ("0.0125"); negative only for proration. */
  @IsString()
  @MaxLength(45)
  unitAmount: string;

  /** Minor units; defaults to quantity × unitAmount rounded half-up. Negative only for proration credits. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount?: number;

  @IsOptional()
  @IsISO8601({ strict: true })
  periodStart?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  periodEnd?: string;

  /** Tax rates for this line; they win over every other tax rule. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  taxRateIds?: string[];

  @IsOptional()
  @IsUUID()
  chargeId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(64)
  metricCode?: string;

  /** Whether coupons reduce this line; default true. */
  @IsOptional()
  @IsBoolean()
  discountable?: boolean;

  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}

export class UpdateInvoiceLineDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  description?: string;

  @IsOptional()
  @IsString()
  @MaxLength(45)
  quantity?: string;

  @IsOptional()
  @IsString()
  @MaxLength(45)
  unitAmount?: string;

  /** null recomputes it from quantity × unitAmount. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount?: number | null;

  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsArray()
  @ArrayMaxSize(5)
  @IsUUID('all', { each: true })
  taxRateIds?: string[] | null;

  @IsOptional()
  @IsBoolean()
  discountable?: boolean;

  @IsOptional()
  @IsObject()
  metadata?: Record<string, unknown>;
}

export class CreateInvoiceDto {
  @IsUUID()
  customerId: string;

  /** Defaults to the customer's; must equal it (422 `currency_mismatch`). */
  @IsOptional()
  @IsString()
  currency?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  periodStart?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  periodEnd?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  memo?: string;

  /** Overrides the customer's net terms for this invoice. */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays?: number;

  @ApiProperty({ type: [InvoiceLineDto] })
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => InvoiceLineDto)
  lines: InvoiceLineDto[];
}

export class UpdateInvoiceDto {
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsString()
  @MaxLength(2000)
  memo?: string | null;

  /** null: the customer's terms apply again. */
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(0)
  @Max(365)
  paymentTermsDays?: number | null;
}

export class InvoiceQuery extends PageQuery {
  @ApiPropertyOptional({ enum: INVOICE_STATUSES })
  @IsOptional()
  @IsIn(INVOICE_STATUSES)
  status?: InvoiceStatus;

  @ApiPropertyOptional({ enum: PAYMENT_STATES })
  @IsOptional()
  @IsIn(PAYMENT_STATES)
  paymentState?: PaymentState;

  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsOptional()
  @IsUUID()
  subscriptionId?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'] })
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @IsOptional()
  @IsString()
  @MaxLength(64)
  number?: string;

  /** Created at or after (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdFrom?: string;

  /** Created before (ISO 8601). */
  @IsOptional()
  @IsISO8601({ strict: true })
  createdTo?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  dueFrom?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  dueTo?: string;
}
