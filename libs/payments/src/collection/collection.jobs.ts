import { Injectable } from '@nestjs/common';
import { CustomersService } from '@app/customers';
import {
  DomainEventEnvelope,
  JobHandler,
  JobName,
  JobPayloads,
  JobQueue,
  TransactionContext,
} from '@app/core';
import { DunningService } from '../dunning/dunning.service';
import { StripeAccountsService } from '../stripe/stripe-accounts.service';
import { CollectionService } from './collection.service';
import { StuckPaymentsRecoverer } from './stuck-payments.recoverer';

/** The collection jobs: invoice events, one charge of an invoice, and the stuck-payment sweep. */
@Injectable()
export class CollectionJobs {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueue,
    private readonly customers: CustomersService,
    private readonly collection: CollectionService,
    private readonly dunning: DunningService,
    private readonly recoverer: StuckPaymentsRecoverer,
    private readonly accounts: StripeAccountsService,
  ) {}

  /**
   * `invoice.finalized` of a `charge_automatically` customer with something due → one charge job (its job
   * id deduplicates a redelivered event). `invoice.paid` / `voided` / `marked_uncollectible` → dunning
   * stops, and a charge still waiting for 3-D Secure is canceled.
   */
  @JobHandler(JobName.PaymentsOnEvent)
  async onEvent(event: DomainEventEnvelope): Promise<void> {
    switch (event.type) {
      case JobName.InvoiceFinalized: {
        const invoice = event.data as JobPayloads[JobName.InvoiceFinalized];
        if (invoice.amountDue <= 0) return;
        const customer = await this.customers.get(invoice.orgId, invoice.customerId);
        if (customer.collectionMethod !== 'charge_automatically') return;
        await this.tx.run(() =>
          this.jobs.enqueue(
            JobName.CollectInvoice,
            { orgId: invoice.orgId, invoiceId: invoice.invoiceId, trigger: 'finalized' },
            { jobId: `collect-${invoice.invoiceId}-finalized` },
          ),
        );
        return;
      }
      case JobName.InvoicePaid:
      case JobName.InvoiceVoided:
      case JobName.InvoiceMarkedUncollectible: {
        const { orgId, invoiceId } = event.data as JobPayloads[JobName.InvoicePaid];
        await this.tx.run(() => this.dunning.onInvoiceClosed(orgId, invoiceId));
        await this.collection.cancelWaiting(orgId, invoiceId);
        return;
      }
    }
  }

  /**
   * One charge. A dunning retry that charges nothing while Stripe is connected (the customer has no default
   * payment method any more, nothing is due) counts as a failed retry, so the schedule still reaches its
   * final action.
   */
  @JobHandler(JobName.CollectInvoice)
  async collect(payload: JobPayloads[JobName.CollectInvoice]): Promise<void> {
    const { orgId, invoiceId, trigger } = payload;
    const attempt = await this.collection.collect(orgId, invoiceId, {
      trigger,
      installmentId: payload.installmentId,
    });
    if (!attempt && trigger === 'dunning_retry' && (await this.accounts.find(orgId)))
      await this.dunning.onRetryNotMade(orgId, invoiceId);
  }

  @JobHandler(JobName.RecoverStuckPayments, { schedule: '*/10 * * * *' })
  async recoverStuck(): Promise<void> {
    await this.recoverer.run();
  }
}
