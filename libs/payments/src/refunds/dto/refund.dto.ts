import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNumber, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '@app/core';
import { REFUND_STATUSES, RefundStatus } from '../../entities/refund.entity';

/** A refund of a payment: from its unallocated credit, or paying out a credit note (`creditNoteId`). */
export class CreateRefundDto {
  /** Positive integer in minor units; defaults to the credit note's total, or to all that is refundable. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount?: number;

  /** Why (free text; forwarded to Stripe as metadata). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  /** The credit note (outcome `refund`) this refund pays out. */
  @IsOptional()
  @IsUUID()
  creditNoteId?: string;

  /** The wire reference of an offline refund. */
  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}

/** Pays out a credit note's refund on one of the payments of its invoice. */
export class RefundCreditNoteDto {
  /** The payment to refund; defaults to the newest payment of the invoice that can refund the whole note. */
  @IsOptional()
  @IsUUID()
  paymentId?: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  reference?: string;
}

export class RefundQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  paymentId?: string;

  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsOptional()
  @IsUUID()
  creditNoteId?: string;

  @ApiPropertyOptional({ enum: REFUND_STATUSES })
  @IsOptional()
  @IsIn(REFUND_STATUSES)
  status?: RefundStatus;
}
