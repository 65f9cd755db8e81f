export * from './notifications.module';
export * from './notifications.errors';
export { NOTIFICATION_KINDS } from './notification-kinds';
export type { NotificationKind } from './notification-kinds';
export { NotificationsService } from './notifications.service';
export type { DunningReminderInput, PaymentFailedInput, PaymentReceiptInput } from './notifications.service';
export { NotificationSettingsService } from './settings/notification-settings.service';
export { NotificationSettingsResponse } from './settings/notification-settings.response';
