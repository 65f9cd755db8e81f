import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';
import { InvoiceBulkRunner } from './invoice-bulk.runner';

@Injectable()
export class InvoiceBulkJobs {
  constructor(private readonly runner: InvoiceBulkRunner) {}

  @JobHandler(JobName.RunInvoiceBulkOperation)
  run(payload: JobPayloads[JobName.RunInvoiceBulkOperation]): Promise<unknown> {
    return this.runner.run(payload.orgId, payload.operationId);
  }
}
