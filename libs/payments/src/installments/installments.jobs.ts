import { Injectable } from '@nestjs/common';
import { JobHandler, JobName, JobQueue, TransactionContext } from '@app/core';
import { CustomersService } from '@app/customers';
import { DueInstallment, InvoiceInstallmentsService } from '@app/invoicing';

const PAGE = 500;

/**
 * Charges installments as they fall due (docs/payments-installments-deposits.md): one `payments.collect-invoice`
 * per due, unpaid installment of a `charge_automatically` customer. The job id names the installment and the
 * day, so hourly re-runs add nothing BullMQ already holds and a failed charge is tried again the next day
 * (dunning retries in between). Installments of `send_invoice` customers are paid offline.
 */
@Injectable()
export class InstallmentsJobs {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly installments: InvoiceInstallmentsService,
    private readonly customers: CustomersService,
  ) {}

  @JobHandler(JobName.ProcessDueInstallments, { schedule: '15 * * * *' })
  async processDue(): Promise<{ enqueued: number }> {
    return { enqueued: await this.enqueueDue(new Date()) };
  }

  async enqueueDue(now: Date): Promise<number> {
    const day = now.toISOString().slice(0, 10).replace(/-/g, '');
    const automatic = new Map<string, boolean>();
    let enqueued = 0;
    let afterId: string | null = null;
    for (;;) {
      const page: DueInstallment[] = await this.installments.dueForCollection(now, afterId, PAGE);
      await this.tx.run(async () => {
        for (const due of page) {
          if (!(await this.chargesAutomatically(due, automatic))) continue;
          await this.jobs.enqueue(
            JobName.CollectInvoice,
            {
              orgId: due.orgId,
              invoiceId: due.invoiceId,
              trigger: 'installment',
              installmentId: due.installmentId,
            },
            { jobId: `installment-${due.installmentId}-${day}` },
          );
          enqueued += 1;
        }
      });
      if (page.length < PAGE) return enqueued;
      afterId = page[page.length - 1].installmentId;
    }
  }

  private async chargesAutomatically(due: DueInstallment, cache: Map<string, boolean>): Promise<boolean> {
    const key = `${due.orgId}/${due.customerId}`;
    if (!cache.has(key)) {
      const customer = await this.customers.get(due.orgId, due.customerId);
      cache.set(key, customer.collectionMethod === 'charge_automatically');
    }
    return cache.get(key)!;
  }
}
