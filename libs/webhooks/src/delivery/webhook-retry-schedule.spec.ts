import { WebhookRetrySchedule } from './webhook-retry-schedule';

describe('WebhookRetrySchedule', () => {
  const schedule = new WebhookRetrySchedule();

  it('backs off exponentially, then every 12 h, and gives up after 72 h', () => {
    const start = new Date('2026-01-01T00:00:00Z');
    const delays: number[] = [];
    let now = start;
    for (let attempt = 1; ; attempt++) {
      const delay = schedule.nextDelayMs(attempt, start, now);
      if (delay === null) break;
      delays.push(delay / 60_000);
      now = new Date(now.getTime() + delay);
    }
    expect(delays).toEqual([1, 5, 30, 120, 300, 600, 720, 720, 720, 720]);
    expect(now.getTime() - start.getTime()).toBeLessThanOrEqual(72 * 3_600_000);
    expect(now.getTime() - start.getTime()).toBeGreaterThan(60 * 3_600_000);
  });
});
