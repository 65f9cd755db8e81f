import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from '@app/core';
import { InvoiceLifecycleService } from '../services/invoice-lifecycle.service';

@Injectable()
export class InvoiceJobs {
  constructor(private readonly lifecycle: InvoiceLifecycleService) {}

  @JobHandler(JobName.MarkInvoicesOverdue, { schedule: '*/5 * * * *' })
  async markOverdue(): Promise<{ marked: number }> {
    return { marked: await this.lifecycle.markOverdue() };
  }
}
