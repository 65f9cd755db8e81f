import { Injectable } from '@nestjs/common';
import { TransactionContext } from '@app/core';
import { PaymentsErrorCode, invalidField } from '../payments.errors';
import {
  MAX_GRACE_DAYS,
  MAX_RETRY_DAY,
  PaymentSettingsResponse,
  UpdatePaymentSettingsDto,
} from './payment-settings.dto';
import { PaymentSettings } from './payment-settings.entity';

type Settings = Omit<PaymentSettingsResponse, 'customized'>;

export const DEFAULT_PAYMENT_SETTINGS: Readonly<Settings> = {
  retryScheduleDays: [1, 3, 5, 7],
  finalAction: 'mark_uncollectible',
  gracePeriodDays: 3,
  reminderEmails: true,
  disputeLostAction: 'reopen_invoice',
};

function checkRetrySchedule(days: number[]): void {
  days.forEach((day, i) => {
    if (day < 1 || day > MAX_RETRY_DAY)
      throw invalidField(
        PaymentsErrorCode.InvalidSettings,
        `retryScheduleDays.${i}`,
        `must be 1-${MAX_RETRY_DAY}`,
      );
    if (i > 0 && day <= days[i - 1])
      throw invalidField(
        PaymentsErrorCode.InvalidSettings,
        `retryScheduleDays.${i}`,
        'must be after the previous day',
      );
  });
}

/** An organisation's payment policy: the dunning retry schedule and final action, the dispute outcome. */
@Injectable()
export class PaymentSettingsService {
  constructor(private readonly tx: TransactionContext) {}

  async get(orgId: string): Promise<PaymentSettingsResponse> {
    const row = await this.tx.manager.findOneBy(PaymentSettings, { orgId });
    if (!row) return { ...DEFAULT_PAYMENT_SETTINGS, customized: false };
    const { orgId: _orgId, updatedAt: _updatedAt, ...settings } = row;
    return { ...settings, customized: true };
  }

  async update(orgId: string, input: UpdatePaymentSettingsDto): Promise<PaymentSettingsResponse> {
    if (input.retryScheduleDays) checkRetrySchedule(input.retryScheduleDays);
    if (
      input.gracePeriodDays !== undefined &&
      (input.gracePeriodDays < 0 || input.gracePeriodDays > MAX_GRACE_DAYS)
    )
      throw invalidField(PaymentsErrorCode.InvalidSettings, 'gracePeriodDays', `must be 0-${MAX_GRACE_DAYS}`);
    return this.tx.run(async (manager) => {
      const { customized: _customized, ...current } = await this.get(orgId);
      const defined = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
      await manager.upsert(PaymentSettings, { orgId, ...current, ...defined }, ['orgId']);
      return this.get(orgId);
    });
  }
}
