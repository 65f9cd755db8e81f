import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { NoRateLimit } from '../rate-limit/no-rate-limit.decorator';
import { DataSource } from 'typeorm';
import { QueueRegistry } from '../queue/queue-registry';
import { metricsRegistry, outboxPending, queueDepth } from './metrics';
import { Public } from '../http/access.decorators';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'prioritized'] as const;

/** Prometheus scrape endpoint. Queue depth and outbox backlog are read at scrape time. */
@ApiExcludeController()
@NoRateLimit()
@Public()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly queues: QueueRegistry,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @Header('content-type', metricsRegistry.contentType)
  async scrape(): Promise<string> {
    await Promise.allSettled([this.collectQueueDepth(), this.collectOutbox()]);
    return metricsRegistry.metrics();
  }

  private async collectQueueDepth(): Promise<void> {
    for (const queue of this.queues.all()) {
      const counts = await queue.getJobCounts(...STATES);
      for (const state of STATES) queueDepth.set({ queue: queue.name, state }, counts[state] ?? 0);
    }
  }

  private async collectOutbox(): Promise<void> {
    const [{ count }]: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM outbox WHERE sent_at IS NULL`,
    );
    outboxPending.set(count);
  }
}
