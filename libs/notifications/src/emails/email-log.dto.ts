import { IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { EmailStatus, PageQuery } from '@app/core';

/** Filters of the org's email log; they combine with AND. */
export class EmailLogQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @IsOptional()
  @IsEnum(EmailStatus)
  status?: EmailStatus;

  /** Template name, e.g. `invoice`, `payment-receipt`. */
  @IsOptional()
  @IsString()
  @MaxLength(100)
  template?: string;
}
