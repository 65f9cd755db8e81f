import { Injectable } from '@nestjs/common';
import { DomainEventEnvelope, JobHandler, JobName } from '@app/core';
import { InvoiceDocumentsService } from './invoice-documents.service';

/**
 * Renders the PDF of each finalized invoice and each credit note, once (see EVENT_CONSUMERS). A download
 * of a PDF not rendered yet asks for it again through the same job. Idempotent: a document already
 * rendered is kept as it is.
 */
@Injectable()
export class DocumentsEventConsumer {
  constructor(private readonly documents: InvoiceDocumentsService) {}

  @JobHandler(JobName.DocumentsOnEvent)
  async onEvent(event: DomainEventEnvelope): Promise<{ documentId: string } | { ignored: string }> {
    if (event.type === JobName.InvoiceFinalized) {
      const { orgId, invoiceId } = (event as DomainEventEnvelope<JobName.InvoiceFinalized>).data;
      return { documentId: (await this.documents.invoicePdf(orgId, invoiceId)).id };
    }
    if (event.type === JobName.CreditNoteCreated) {
      const { orgId, creditNoteId } = (event as DomainEventEnvelope<JobName.CreditNoteCreated>).data;
      return { documentId: (await this.documents.creditNotePdf(orgId, creditNoteId)).id };
    }
    return { ignored: event.type };
  }
}
