import { IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQuery } from '@app/core';

export class DisputeQuery extends PageQuery {
  /** Stripe's status: `needs_response`, `under_review`, `won`, `lost`, `warning_needs_response`, … */
  @IsOptional()
  @IsString()
  @MaxLength(40)
  status?: string;

  @IsOptional()
  @IsUUID()
  paymentId?: string;
}

/** Text evidence forwarded to Stripe (`evidence.uncategorized_text`) and submitted. */
export class DisputeEvidenceDto {
  @IsString()
  @Length(1, 20_000)
  text: string;
}
