import { Injectable, OnApplicationBootstrap, OnApplicationShutdown, Logger } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config';
import { OutboxRelay } from './outbox-relay';

const INTERVAL_NAME = 'outbox-relay';

/** Per-process tick that drains the outbox; safe on every replica thanks to SKIP LOCKED. */
@Injectable()
export class OutboxRelayTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayTicker.name);

  private running?: Promise<unknown>;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const interval = setInterval(() => this.tick(), this.config.OUTBOX_POLL_MS);
    this.scheduler.addInterval(INTERVAL_NAME, interval);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.scheduler.doesExist('interval', INTERVAL_NAME)) this.scheduler.deleteInterval(INTERVAL_NAME);
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.relay
      .drain()
      .catch((error: unknown) => this.logger.error({ err: error }, 'outbox relay failed; will retry'))
      .finally(() => (this.running = undefined));
  }
}
