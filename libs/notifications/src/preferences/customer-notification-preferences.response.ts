import { ApiProperty } from '@nestjs/swagger';
import { NOTIFICATION_KINDS, NotificationKind } from '../notification-kinds';

export class CustomerNotificationPreferencesResponse {
  customerId: string;
  @ApiProperty({ enum: NOTIFICATION_KINDS, isArray: true })
  optedOut: NotificationKind[];
  cc: string[];
  @ApiProperty({ description: 'false: nothing stored, the customer gets every email the org sends.' })
  customized: boolean;
}
