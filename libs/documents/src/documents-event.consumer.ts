import { Injectable } from '@nestjs/common';
import { DomainEventEnvelope, JobHandler, JobName } from '@app/core';

/** Renders the PDF of each finalized invoice and each credit note, once (see EVENT_CONSUMERS). */
@Injectable()
export class DocumentsEventConsumer {
  @JobHandler(JobName.DocumentsOnEvent)
  async onEvent(_event: DomainEventEnvelope): Promise<void> {
    // Contract stub: replaced by the documents implementation.
  }
}
