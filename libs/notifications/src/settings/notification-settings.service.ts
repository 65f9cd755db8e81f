import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@app/core';
import { NotificationSettings } from '../entities/notification-settings.entity';
import { NotificationKind } from '../notification-kinds';
import { NotificationsErrorCode, invalidField } from '../notifications.errors';
import { UpdateNotificationSettingsDto } from './notification-settings.dto';
import { NotificationSettingsResponse } from './notification-settings.response';

type Settings = Omit<NotificationSettingsResponse, 'customized'>;

export const DEFAULT_NOTIFICATION_SETTINGS: Readonly<Settings> = {
  invoiceFinalized: true,
  creditNote: true,
  paymentReceipt: true,
  paymentFailed: true,
  renewalReminder: true,
  renewalReminderDaysBefore: 7,
  dueDateReminder: true,
  dueDateReminderDaysBefore: 3,
  overdueReminder: true,
  usageAlert: true,
  replyTo: null,
};

const SWITCH: Record<NotificationKind, keyof Settings> = {
  invoice_finalized: 'invoiceFinalized',
  credit_note: 'creditNote',
  payment_receipt: 'paymentReceipt',
  payment_failed: 'paymentFailed',
  renewal_reminder: 'renewalReminder',
  due_date_reminder: 'dueDateReminder',
  overdue_reminder: 'overdueReminder',
  usage_alert: 'usageAlert',
};

/** Whether the organisation sends this kind of email on its own. */
export const orgSends = (settings: Settings, kind: NotificationKind): boolean =>
  settings[SWITCH[kind]] === true;

const DAY_BOUNDS = { renewalReminderDaysBefore: 60, dueDateReminderDaysBefore: 30 } as const;

/** The largest `…DaysBefore` accepted: how far ahead the reminder jobs look. */
export const MAX_REMINDER_DAYS = DAY_BOUNDS;

/** An organisation's email settings (which kinds it sends, reminder lead times, reply-to). */
@Injectable()
export class NotificationSettingsService {
  constructor(private readonly tx: TransactionContext) {}

  async get(orgId: string): Promise<NotificationSettingsResponse> {
    const row = await this.tx.manager.findOneBy(NotificationSettings, { orgId });
    if (!row) return { ...DEFAULT_NOTIFICATION_SETTINGS, customized: false };
    const { orgId: _orgId, updatedAt: _updatedAt, ...settings } = row;
    return { ...settings, customized: true };
  }

  async update(orgId: string, input: UpdateNotificationSettingsDto): Promise<NotificationSettingsResponse> {
    for (const [field, max] of Object.entries(DAY_BOUNDS) as [keyof typeof DAY_BOUNDS, number][]) {
      const value = input[field];
      if (value !== undefined && (value < 1 || value > max))
        throw invalidField(NotificationsErrorCode.InvalidSettings, field, `must be between 1 and ${max}`);
    }
    return this.tx.run(async (manager) => {
      const { customized: _customized, ...current } = await this.get(orgId);
      const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
      await manager.upsert(NotificationSettings, { orgId, ...current, ...defined }, ['orgId']);
      return this.get(orgId);
    });
  }
}
