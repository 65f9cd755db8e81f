import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';
import { DunningService } from './dunning.service';

@Injectable()
export class DunningJobs {
  constructor(private readonly dunning: DunningService) {}

  @JobHandler(JobName.DunningStep)
  async step({ orgId, invoiceId, step }: JobPayloads[JobName.DunningStep]): Promise<void> {
    await this.dunning.runStep(orgId, invoiceId, step);
  }
}
