import { Module } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import { CustomersModule } from '@app/customers';
import { DocumentsModule } from '@app/documents';
import { CreditNotesModule, InvoicingModule } from '@app/invoicing';
import { SubscriptionsModule } from '@app/subscriptions';
import { DisputeNotifications } from './dispute-notifications';
import { EmailLogController } from './emails/email-log.controller';
import { EmailLogService } from './emails/email-log.service';
import { InvoiceNotifications } from './invoice-notifications';
import { NotificationMailer } from './mailer/notification-mailer';
import { NotificationsEventConsumer } from './notifications-event.consumer';
import { NotificationsService } from './notifications.service';
import { CustomerNotificationPreferencesController } from './preferences/customer-notification-preferences.controller';
import { CustomerNotificationPreferencesService } from './preferences/customer-notification-preferences.service';
import { ReminderJobs } from './reminder.jobs';
import { NotificationSettingsController } from './settings/notification-settings.controller';
import { NotificationSettingsService } from './settings/notification-settings.service';

/** Customer emails: invoices with their PDF, credit notes, receipts, reminders, usage alerts; preferences; log. */
@Module({
  imports: [
    AuthModule,
    CustomersModule,
    DocumentsModule,
    InvoicingModule,
    CreditNotesModule,
    SubscriptionsModule,
  ],
  controllers: [
    NotificationSettingsController,
    CustomerNotificationPreferencesController,
    EmailLogController,
  ],
  providers: [
    NotificationSettingsService,
    CustomerNotificationPreferencesService,
    EmailLogService,
    NotificationMailer,
    InvoiceNotifications,
    NotificationsService,
    NotificationsEventConsumer,
    DisputeNotifications,
    ReminderJobs,
  ],
  exports: [NotificationsService, NotificationSettingsService],
})
export class NotificationsModule {}
