import { JobName, OutboxRelay, QueueName, QueueRegistry } from '@app/core';
import { TestApp } from './test-app';

/**
 * Waits for the debounced usage-alert evaluations to run for real (each is delayed ~5 s, and its job id is
 * the subscription's 5-second window, so promoting it early would run it before the window closes), then for
 * whatever they enqueued.
 */
export async function runAlertEvaluations(t: TestApp, timeoutMs = 20_000): Promise<void> {
  const queue = t.app.get(QueueRegistry).get(QueueName.Default);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await t.app.get(OutboxRelay).drain();
    const pending = (await queue.getDelayed()).filter(
      (job) => job.name === (JobName.EvaluateUsageAlerts as string),
    );
    if (pending.length === 0) break;
    if (Date.now() > deadline) throw new Error(`Usage-alert evaluations still delayed after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await t.drainJobs();
}
