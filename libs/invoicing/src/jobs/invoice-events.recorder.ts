import { Injectable, Logger } from '@nestjs/common';
import { JobHandler, JobName, JobPayloads } from '@app/core';

/**
 * Recorders of the invoicing domain events. They only log for now; the notifications issue (PDF, email,
 * webhooks) replaces each with its consumer, keeping exactly one handler per name.
 */
@Injectable()
export class InvoiceEventsRecorder {
  private readonly logger = new Logger('invoicing');

  @JobHandler(JobName.InvoiceFinalized)
  async finalized(payload: JobPayloads[JobName.InvoiceFinalized]): Promise<void> {
    this.record(JobName.InvoiceFinalized, payload);
  }

  @JobHandler(JobName.InvoiceVoided)
  async voided(payload: JobPayloads[JobName.InvoiceVoided]): Promise<void> {
    this.record(JobName.InvoiceVoided, payload);
  }

  @JobHandler(JobName.InvoiceOverdue)
  async overdue(payload: JobPayloads[JobName.InvoiceOverdue]): Promise<void> {
    this.record(JobName.InvoiceOverdue, payload);
  }

  @JobHandler(JobName.InvoiceMarkedUncollectible)
  async uncollectible(payload: JobPayloads[JobName.InvoiceMarkedUncollectible]): Promise<void> {
    this.record(JobName.InvoiceMarkedUncollectible, payload);
  }

  @JobHandler(JobName.InvoiceSendRequested)
  async sendRequested(payload: JobPayloads[JobName.InvoiceSendRequested]): Promise<void> {
    this.record(JobName.InvoiceSendRequested, payload);
  }

  @JobHandler(JobName.CreditNoteCreated)
  async creditNoteCreated(payload: JobPayloads[JobName.CreditNoteCreated]): Promise<void> {
    this.record(JobName.CreditNoteCreated, payload);
  }

  private record(event: JobName, payload: { orgId: string }): void {
    this.logger.log({ event, ...payload }, event);
  }
}
