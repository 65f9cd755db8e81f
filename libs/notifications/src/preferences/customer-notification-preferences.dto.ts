import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsEmail, IsIn, IsOptional } from 'class-validator';
import { NOTIFICATION_KINDS, NotificationKind } from '../notification-kinds';

/** A change of a customer's preferences; omitted fields keep their value. */
export class UpdateCustomerNotificationPreferencesDto {
  @ApiPropertyOptional({
    enum: NOTIFICATION_KINDS,
    isArray: true,
    description: 'Kinds of email this customer does not get (an explicit send request still sends).',
  })
  @IsOptional()
  @ArrayUnique()
  @IsIn(NOTIFICATION_KINDS, { each: true })
  optedOut?: NotificationKind[];

  @ApiPropertyOptional({
    type: [String],
    maxItems: 10,
    description: 'Extra addresses copied (CC) on every email.',
  })
  @IsOptional()
  @ArrayMaxSize(10)
  @ArrayUnique((email: string) => (typeof email === 'string' ? email.toLowerCase() : email))
  @IsEmail({}, { each: true })
  cc?: string[];
}
