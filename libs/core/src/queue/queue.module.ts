import { Global, Module } from '@nestjs/common';
import { JobQueue } from './job-queue';
import { OutboxMaintenance } from './outbox-maintenance';
import { OutboxRelay } from './outbox-relay';
import { QueueRegistry } from './queue-registry';

/** Producing jobs (both apps): the outbox-backed JobQueue and the queues themselves. */
@Global()
@Module({
  providers: [JobQueue, QueueRegistry, OutboxRelay, OutboxMaintenance],
  exports: [JobQueue, QueueRegistry, OutboxRelay],
})
export class QueueModule {}
