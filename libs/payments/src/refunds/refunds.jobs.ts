import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from '@app/core';
import { StuckRefundsRecoverer } from './stuck-refunds.recoverer';

/** The refunds sweep: Stripe refunds left pending are asked about again. */
@Injectable()
export class RefundsJobs {
  constructor(private readonly recoverer: StuckRefundsRecoverer) {}

  @JobHandler(JobName.RecoverStuckRefunds, { schedule: '*/10 * * * *' })
  async recoverStuck(): Promise<void> {
    await this.recoverer.run();
  }
}
