import { Module } from '@nestjs/common';
import { DocumentsModule } from '@app/documents';
import { NotificationsEventConsumer } from './notifications-event.consumer';
import { ReminderJobs } from './reminder.jobs';

/** Customer and admin emails: invoices with their PDF, receipts, reminders, usage alerts; preferences. */
@Module({
  imports: [DocumentsModule],
  providers: [NotificationsEventConsumer, ReminderJobs],
})
export class NotificationsModule {}
