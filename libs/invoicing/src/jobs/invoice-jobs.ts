import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';

@Injectable()
export class InvoiceJobs {
  @JobHandler(JobName.MarkInvoicesOverdue, { schedule: '*/5 * * * *' })
  async markOverdue(): Promise<{ marked: number }> {
    return { marked: 0 };
  }

  @JobHandler(JobName.RunInvoiceBulkOperation)
  async runBulk(payload: JobPayloads[JobName.RunInvoiceBulkOperation]): Promise<void> {
    void payload;
    throw new Error('bulk operations: not implemented yet');
  }
}
