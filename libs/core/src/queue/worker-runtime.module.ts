import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { JobHandlerRegistry } from './job-handler-registry';
import { JobWorkers } from './job-workers';
import { OutboxRelayTicker } from './outbox-relay-ticker';

/** Consuming jobs (the worker app): processors, schedules and the outbox relay tick. */
@Module({
  imports: [DiscoveryModule, ScheduleModule.forRoot()],
  providers: [JobHandlerRegistry, JobWorkers, OutboxRelayTicker],
  exports: [JobHandlerRegistry],
})
export class WorkerRuntimeModule {}
