import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { DomainEventRouter } from './domain-event-router';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobWorkers } from './job-workers';
import { OutboxRelayTicker } from './outbox-relay-ticker';

/** Consuming jobs (the worker app): processors, schedules, the outbox relay tick and the event fan-out. */
@Module({
  imports: [DiscoveryModule, ScheduleModule.forRoot()],
  providers: [JobHandlerRegistry, JobWorkers, OutboxRelayTicker, DomainEventRouter],
  exports: [JobHandlerRegistry],
})
export class WorkerRuntimeModule {}
