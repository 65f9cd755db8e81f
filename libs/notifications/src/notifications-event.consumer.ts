import { Injectable } from '@nestjs/common';
import { DomainEventEnvelope, JobHandler, JobName } from '@app/core';

/** Emails what the domain events call for (see EVENT_CONSUMERS). */
@Injectable()
export class NotificationsEventConsumer {
  @JobHandler(JobName.NotificationsOnEvent)
  async onEvent(_event: DomainEventEnvelope): Promise<void> {
    // Contract stub: replaced by the notifications implementation.
  }
}
