import { Module } from '@nestjs/common';
import { CoreModule, WorkerRuntimeModule } from '@app/core';
import { WorkerMetricsServer } from './worker-metrics.server';

/** The worker: every domain's processors and schedules, the outbox relay, no API routes. */
@Module({
  imports: [CoreModule, WorkerRuntimeModule],
  providers: [WorkerMetricsServer],
})
export class WorkerModule {}
