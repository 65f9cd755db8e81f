import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName } from '@app/core';
import { InvoicesService } from '@app/invoicing';
import { SubscriptionsService } from '@app/subscriptions';
import { InvoiceNotifications } from './invoice-notifications';
import { NotificationsService } from './notifications.service';
import { NotificationSettingsResponse } from './settings/notification-settings.response';
import { MAX_REMINDER_DAYS, NotificationSettingsService } from './settings/notification-settings.service';

const DAY_MS = 24 * 3600 * 1000;
const BATCH = 500;

/**
 * Daily reminders: subscriptions renewing soon, invoices coming due. Each job reads every candidate within
 * the longest lead time an org may choose, then keeps those within their org's own; the dedupe key (per
 * subscription and period, per invoice and due date) makes a second run of the day send nothing again.
 */
@Injectable()
export class ReminderJobs {
  private readonly logger = new Logger(ReminderJobs.name);

  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly invoices: InvoicesService,
    private readonly settings: NotificationSettingsService,
    private readonly notifications: NotificationsService,
    private readonly invoiceEmails: InvoiceNotifications,
  ) {}

  @JobHandler(JobName.SendRenewalReminders, { schedule: '20 8 * * *' })
  async renewals(): Promise<{ sent: number }> {
    const now = new Date();
    const horizon = new Date(now.getTime() + MAX_REMINDER_DAYS.renewalReminderDaysBefore * DAY_MS);
    const settingsOf = this.settingsCache();
    let sent = 0;
    for (let afterId: string | null = null; ;) {
      const batch = await this.subscriptions.renewingBetween(now, horizon, afterId, BATCH);
      for (const subscription of batch) {
        const settings = await settingsOf(subscription.orgId);
        const leadMs = settings.renewalReminderDaysBefore * DAY_MS;
        if (!settings.renewalReminder || subscription.currentPeriodEnd.getTime() - now.getTime() > leadMs)
          continue;
        if (await this.attempt(() => this.notifications.renewalReminder(subscription.orgId, subscription.id)))
          sent++;
      }
      if (batch.length < BATCH) return { sent };
      afterId = batch[batch.length - 1].id;
    }
  }

  @JobHandler(JobName.SendDueDateReminders, { schedule: '40 8 * * *' })
  async dueDates(): Promise<{ sent: number }> {
    const now = new Date();
    const horizon = new Date(now.getTime() + MAX_REMINDER_DAYS.dueDateReminderDaysBefore * DAY_MS);
    const settingsOf = this.settingsCache();
    let sent = 0;
    for (let afterId: string | null = null; ;) {
      const batch = await this.invoices.openComingDue(now, horizon, afterId, BATCH);
      for (const invoice of batch) {
        const settings = await settingsOf(invoice.orgId);
        const leadMs = settings.dueDateReminderDaysBefore * DAY_MS;
        if (!settings.dueDateReminder || invoice.dueAt.getTime() - now.getTime() > leadMs) continue;
        const key = `due_date:${invoice.id}:${invoice.dueAt.toISOString()}`;
        if (await this.attempt(() => this.invoiceEmails.dueDateReminder(invoice.orgId, invoice.id, key)))
          sent++;
      }
      if (batch.length < BATCH) return { sent };
      afterId = batch[batch.length - 1].id;
    }
  }

  /** One org's settings read once per run. */
  private settingsCache(): (orgId: string) => Promise<NotificationSettingsResponse> {
    const cache = new Map<string, Promise<NotificationSettingsResponse>>();
    return (orgId) => {
      let settings = cache.get(orgId);
      if (!settings) {
        settings = this.settings.get(orgId);
        cache.set(orgId, settings);
      }
      return settings;
    };
  }

  /** One failing reminder (e.g. a customer deleted since) must not stop the others. */
  private async attempt(send: () => Promise<unknown>): Promise<boolean> {
    try {
      return (await send()) !== null;
    } catch (error) {
      this.logger.warn(`Reminder not sent: ${error instanceof Error ? error.message : String(error)}`);
      return false;
    }
  }
}
