import { INestApplicationContext } from '@nestjs/common';
import { QueueName } from './jobs';
import { OutboxRelay } from './outbox-relay';
import { QueueRegistry } from './queue-registry';

/**
 * Relays the outbox and waits until no queue has waiting or active jobs: runs everything the work so far
 * caused. Needs the worker's processors in the same application (WorkerModule imported); used by the test
 * kit and the demo seed.
 */
export async function drainJobs(app: INestApplicationContext, timeoutMs = 120_000): Promise<void> {
  const relay = app.get(OutboxRelay);
  const queues = app.get(QueueRegistry);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const relayed = await relay.drain();
    const counts = await Promise.all(
      Object.values(QueueName).map((name) =>
        queues.get(name).getJobCounts('waiting', 'active', 'prioritized'),
      ),
    );
    const busy = counts.reduce(
      (sum, c) => sum + (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0),
      0,
    );
    if (relayed === 0 && busy === 0) return;
    if (Date.now() > deadline) throw new Error(`Jobs still running after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
