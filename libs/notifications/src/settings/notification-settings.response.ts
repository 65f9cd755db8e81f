import { ApiProperty } from '@nestjs/swagger';

export class NotificationSettingsResponse {
  invoiceFinalized: boolean;
  creditNote: boolean;
  paymentReceipt: boolean;
  paymentFailed: boolean;
  renewalReminder: boolean;
  renewalReminderDaysBefore: number;
  dueDateReminder: boolean;
  dueDateReminderDaysBefore: number;
  overdueReminder: boolean;
  usageAlert: boolean;
  @ApiProperty({ type: String, nullable: true })
  replyTo: string | null;
  @ApiProperty({ description: 'false: nothing stored, these are the defaults.' })
  customized: boolean;
}
