import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, IsOptional } from 'class-validator';
import {
  DISPUTE_LOST_ACTIONS,
  DUNNING_FINAL_ACTIONS,
  DisputeLostAction,
  DunningFinalAction,
} from './payment-settings.entity';

export const MAX_RETRIES = 10;
export const MAX_RETRY_DAY = 60;
export const MAX_GRACE_DAYS = 60;

/** A change of the organisation's payment policy; omitted fields keep their value. */
export class UpdatePaymentSettingsDto {
  @ApiPropertyOptional({
    type: [Number],
    example: [1, 3, 5, 7],
    description: `Days after the first failed charge on which it is retried: strictly ascending, 1-${MAX_RETRY_DAY}, at most ${MAX_RETRIES}; [] never retries.`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_RETRIES)
  @IsInt({ each: true })
  retryScheduleDays?: number[];

  /** What happens when the last retry fails. */
  @IsOptional()
  @IsIn(DUNNING_FINAL_ACTIONS)
  finalAction?: DunningFinalAction;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_GRACE_DAYS,
    description: 'Days after the first failure before the subscriptions become past_due.',
  })
  @IsOptional()
  @IsInt()
  gracePeriodDays?: number;

  /** Email the customer at each dunning step. */
  @IsOptional()
  @IsBoolean()
  reminderEmails?: boolean;

  /** A lost dispute reopens the invoice (the customer owes it again) or writes it off. */
  @IsOptional()
  @IsIn(DISPUTE_LOST_ACTIONS)
  disputeLostAction?: DisputeLostAction;
}

export class PaymentSettingsResponse {
  retryScheduleDays: number[];
  finalAction: DunningFinalAction;
  gracePeriodDays: number;
  reminderEmails: boolean;
  disputeLostAction: DisputeLostAction;
  /** False while the organisation uses the defaults. */
  customized: boolean;
}
