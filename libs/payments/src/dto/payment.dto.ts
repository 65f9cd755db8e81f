import { ApiProperty, ApiPropertyOptional, PickType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/core';
import { PAYMENT_METHODS, PAYMENT_STATUSES, PaymentMethod, PaymentStatus } from '../payments.types';

export const MAX_ALLOCATIONS = 100;

export class PaymentAllocationDto {
  @IsUUID()
  invoiceId: string;

  /** Positive integer in minor units, at most what remains on the invoice. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount: number;
}

/** An offline payment: a wire, check or cash received. */
export class RecordPaymentDto {
  @IsUUID()
  customerId: string;

  /** Positive integer in minor units. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount: number;

  /** ISO 4217; must be the customer's currency. */
  @IsString()
  @Length(3, 3)
  currency: string;

  @ApiProperty({ enum: PAYMENT_METHODS })
  @IsIn(PAYMENT_METHODS)
  method: PaymentMethod;

  /** Wire reference, check number, receipt number. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;

  /** When the money arrived (ISO 8601); defaults to now. */
  @IsOptional()
  @IsISO8601({ strict: true })
  receivedAt?: string;

  /**
   * The invoices to settle. Omitted: the customer's open invoices, oldest due date first. What is not
   * allocated becomes customer credit.
   */
  @ApiPropertyOptional({ type: [PaymentAllocationDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_ALLOCATIONS)
  @ValidateNested({ each: true })
  @Type(() => PaymentAllocationDto)
  allocations?: PaymentAllocationDto[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  metadata?: Record<string, string>;
}

/** Allocates a payment's customer credit (still unspent) to invoices; omitted: oldest due date first. */
export class AllocatePaymentDto extends PickType(RecordPaymentDto, ['allocations'] as const) {}

export class ReversePaymentDto {
  /** Why the payment is reversed, e.g. "check returned unpaid". */
  @IsString()
  @Length(1, 500)
  reason: string;
}

export class PaymentQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: PAYMENT_STATUSES })
  @IsOptional()
  @IsIn(PAYMENT_STATUSES)
  status?: PaymentStatus;

  @IsOptional()
  @IsUUID()
  invoiceId?: string;
}
