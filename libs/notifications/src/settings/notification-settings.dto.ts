import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsInt, IsOptional, ValidateIf } from 'class-validator';

/** A change of the organisation's email settings; omitted fields keep their value. */
export class UpdateNotificationSettingsDto {
  /** Email each finalized invoice, with its PDF, to the customer. */
  @IsOptional()
  @IsBoolean()
  invoiceFinalized?: boolean;

  /** Email each credit note, with its PDF. */
  @IsOptional()
  @IsBoolean()
  creditNote?: boolean;

  @IsOptional()
  @IsBoolean()
  paymentReceipt?: boolean;

  @IsOptional()
  @IsBoolean()
  paymentFailed?: boolean;

  @IsOptional()
  @IsBoolean()
  renewalReminder?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 60, description: 'Days before the renewal (1-60).' })
  @IsOptional()
  @IsInt()
  renewalReminderDaysBefore?: number;

  @IsOptional()
  @IsBoolean()
  dueDateReminder?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: 30, description: 'Days before the due date (1-30).' })
  @IsOptional()
  @IsInt()
  dueDateReminderDaysBefore?: number;

  @IsOptional()
  @IsBoolean()
  overdueReminder?: boolean;

  @IsOptional()
  @IsBoolean()
  usageAlert?: boolean;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: 'Reply-To of customer emails; null clears it.',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsEmail()
  replyTo?: string | null;
}
