import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from '@app/core';

/** Daily reminders: subscriptions renewing soon, invoices coming due. */
@Injectable()
export class ReminderJobs {
  @JobHandler(JobName.SendRenewalReminders, { schedule: '20 8 * * *' })
  async renewals(): Promise<void> {
    // Contract stub: replaced by the notifications implementation.
  }

  @JobHandler(JobName.SendDueDateReminders, { schedule: '40 8 * * *' })
  async dueDates(): Promise<void> {
    // Contract stub: replaced by the notifications implementation.
  }
}
