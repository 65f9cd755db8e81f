import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from '@app/core';

@Injectable()
export class CreditJobs {
  @JobHandler(JobName.ExpireCredits, { schedule: '*/5 * * * *' })
  async expire(): Promise<{ expired: number }> {
    return { expired: 0 };
  }
}
