import { Injectable } from '@nestjs/common';
import { JobHandler, JobName } from '@app/core';
import { InvoiceInstallmentsService } from '../installments/invoice-installments.service';
import { InvoiceLifecycleService } from '../services/invoice-lifecycle.service';

@Injectable()
export class InvoiceJobs {
  constructor(
    private readonly lifecycle: InvoiceLifecycleService,
    private readonly installments: InvoiceInstallmentsService,
  ) {}

  /** `marked`: invoices past their due date; `installmentsMarked`: installments past theirs. */
  @JobHandler(JobName.MarkInvoicesOverdue, { schedule: '*/5 * * * *' })
  async markOverdue(): Promise<{ marked: number; installmentsMarked: number }> {
    const installmentsMarked = await this.installments.markOverdue();
    return { marked: await this.lifecycle.markOverdue(), installmentsMarked };
  }
}
