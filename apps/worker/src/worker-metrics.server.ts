import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Server, createServer } from 'node:http';
import { AppConfig, metricsRegistry } from '@app/core';

/**
 * Serves only GET /metrics (job durations and failures happen in this process, so Prometheus scrapes it
 * here). Not an API: nothing else is served. WORKER_METRICS_PORT=0 turns it off.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private server?: Server;

  constructor(private readonly config: AppConfig) {}

  onApplicationBootstrap(): Promise<void> | void {
    if (this.config.WORKER_METRICS_PORT === 0) return;
    this.server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/metrics') {
        response.writeHead(404).end();
        return;
      }
      void metricsRegistry.metrics().then((body) => {
        response.writeHead(200, { 'content-type': metricsRegistry.contentType }).end(body);
      });
    });
    return new Promise((resolve) => this.server?.listen(this.config.WORKER_METRICS_PORT, '0.0.0.0', resolve));
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise((resolve) => (this.server ? this.server.close(resolve) : resolve(undefined)));
  }
}
