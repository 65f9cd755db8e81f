import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '@app/core';
import { MAX_LINES } from '../../dto/invoice.dto';
import {
  CREDIT_NOTE_OUTCOMES,
  CREDIT_NOTE_REASONS,
  CreditNoteOutcome,
  CreditNoteReason,
} from '../entities/credit-note.entity';

/** One invoice line to credit: `amount` or `quantity`, or neither for everything still creditable on it. */
export class CreditNoteLineDto {
  @IsUUID()
  invoiceLineId: string;

  /** Net (tax excluded), positive integer in minor units. */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount?: number;

  /** Positive decimal string, at most the line's quantity: credits line net × quantity / line quantity. */
  @IsOptional()
  @IsString()
  @MaxLength(45)
  quantity?: string;
}

/** Either `lines` or a lump-sum `amount`. */
export class CreateCreditNoteDto {
  @ApiProperty({ enum: CREDIT_NOTE_REASONS })
  @IsIn(CREDIT_NOTE_REASONS)
  reason: CreditNoteReason;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  memo?: string;

  @ApiProperty({ enum: CREDIT_NOTE_OUTCOMES })
  @IsIn(CREDIT_NOTE_OUTCOMES)
  outcome: CreditNoteOutcome;

  @ApiPropertyOptional({ type: [CreditNoteLineDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LINES)
  @ValidateNested({ each: true })
  @Type(() => CreditNoteLineDto)
  lines?: CreditNoteLineDto[];

  /** Net lump sum in minor units, spread over the lines by what remains creditable (largest remainder). */
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  amount?: number;
}

export class CreditNoteQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  invoiceId?: string;

  @IsOptional()
  @IsUUID()
  customerId?: string;
}
