import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from '@app/core';
import { CreditsService } from '../services/credits.service';

@Injectable()
export class CreditJobs {
  constructor(private readonly credits: CreditsService) {}

  /** Expires what remains of grants past their expiry; idempotent (a second run finds nothing). */
  @JobHandler(JobName.ExpireCredits, { schedule: '*/5 * * * *' })
  async expire(): Promise<{ expired: number }> {
    return { expired: await this.credits.expireDue() };
  }
}
