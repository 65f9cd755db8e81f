import { wildcardMatch } from '../resources/events';
import { newId } from '../state/ids';
import { StripeEvent } from '../state/objects';
import { signPayload } from './signing';

export interface WebhookEndpointSpec {
  url: string;
  secret: string;
  /** The account (secret key) whose events go to this endpoint. */
  apiKey: string;
  /** Event types (`*` and `charge.dispute.*` allowed); default all. */
  enabledEvents?: string[];
}

export interface WebhookEndpoint extends Required<WebhookEndpointSpec> {
  id: string;
}

export interface DeliverySettings {
  /** Send every event twice. */
  duplicate: boolean;
  /** Hold each event this long before sending. */
  delayMs: number;
  /** Collect events for `reorderWindowMs` and send each batch in a shuffled (never original) order. */
  reorder: boolean;
  reorderWindowMs: number;
  /** Keep events queued until resumed or flushed. */
  paused: boolean;
  /** Attempts per event when the receiver does not answer 2xx, with doubling pauses from `retryDelayMs`. */
  maxAttempts: number;
  retryDelayMs: number;
  timeoutMs: number;
}

export const DEFAULT_DELIVERY: DeliverySettings = {
  duplicate: false,
  delayMs: 0,
  reorder: false,
  reorderWindowMs: 100,
  paused: false,
  maxAttempts: 3,
  retryDelayMs: 200,
  timeoutMs: 10_000,
};

export interface DeliveryAttempt {
  eventId: string;
  type: string;
  endpointId: string;
  url: string;
  attempt: number;
  status: number | null;
  error: string | null;
  at: number;
}

interface Pending {
  endpoint: WebhookEndpoint;
  event: StripeEvent;
  dueAt: number;
  attempt: number;
}

/** Sends events to webhook endpoints, one at a time in order, with the test switches applied. */
export class WebhookDelivery {
  readonly attempts: DeliveryAttempt[] = [];
  private settings: DeliverySettings = { ...DEFAULT_DELIVERY };
  private readonly endpoints = new Map<string, WebhookEndpoint>();
  private queue: Pending[] = [];
  private sending: Promise<void> = Promise.resolve();
  private busy = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  addEndpoint(spec: WebhookEndpointSpec): WebhookEndpoint {
    if (!spec.url || !spec.secret || !spec.apiKey) throw new Error('url, secret and apiKey are required');
    const endpoint: WebhookEndpoint = { id: newId('we'), enabledEvents: ['*'], ...spec };
    this.endpoints.set(endpoint.id, endpoint);
    return endpoint;
  }

  removeEndpoint(id: string): boolean {
    return this.endpoints.delete(id);
  }

  configure(changes: Partial<DeliverySettings>): DeliverySettings {
    for (const [key, value] of Object.entries(changes)) {
      const expected = typeof DEFAULT_DELIVERY[key as keyof DeliverySettings];
      if (expected === 'undefined' || typeof value !== expected)
        throw new Error(`invalid delivery setting ${key}`);
    }
    this.settings = { ...this.settings, ...changes };
    if (!this.settings.paused) this.wakeUp(0);
    return { ...this.settings };
  }

  current(): DeliverySettings {
    return { ...this.settings };
  }

  /** Queues the event for every endpoint of its account; returns how many endpoints will receive it. */
  enqueue(apiKey: string, event: StripeEvent): number {
    const targets = [...this.endpoints.values()].filter(
      (e) => e.apiKey === apiKey && e.enabledEvents.some((pattern) => wildcardMatch(pattern, event.type)),
    );
    const dueAt = Date.now() + this.settings.delayMs;
    const copies = this.settings.duplicate ? 2 : 1;
    for (const endpoint of targets)
      for (let i = 0; i < copies; i++) this.queue.push({ endpoint, event, dueAt, attempt: 1 });
    if (targets.length > 0)
      this.wakeUp(this.settings.delayMs + (this.settings.reorder ? this.settings.reorderWindowMs : 0));
    return targets.length;
  }

  /** Sends everything queued now (even while paused) and resolves once all of it has been answered. */
  async flush(): Promise<void> {
    this.dispatch(true);
    await this.idle();
  }

  /** Resolves when nothing is being sent, retried or waiting to be sent (queued events while paused excepted). */
  async idle(): Promise<void> {
    while (this.busy > 0 || this.timers.size > 0 || (!this.settings.paused && this.queue.length > 0)) {
      await this.sending;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  pendingCount(): number {
    return this.queue.length;
  }

  reset(): void {
    this.stop();
    this.endpoints.clear();
    this.queue = [];
    this.attempts.length = 0;
    this.settings = { ...DEFAULT_DELIVERY };
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private wakeUp(afterMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.dispatch(false);
    }, afterMs);
    this.timers.add(timer);
  }

  private dispatch(force: boolean): void {
    if (this.settings.paused && !force) return;
    const now = Date.now();
    const due = force ? this.queue : this.queue.filter((p) => p.dueAt <= now);
    if (due.length === 0) return;
    this.queue = this.queue.filter((p) => !due.includes(p));
    this.sendInOrder(this.settings.reorder ? shuffled(due) : due);
  }

  private sendInOrder(batch: Pending[]): void {
    this.busy += batch.length;
    this.sending = this.sending.then(async () => {
      for (const pending of batch) {
        await this.send(pending);
        this.busy -= 1;
      }
    });
  }

  private async send(pending: Pending): Promise<void> {
    const { endpoint, event } = pending;
    const payload = JSON.stringify(event, null, 2);
    const record: DeliveryAttempt = {
      eventId: event.id,
      type: event.type,
      endpointId: endpoint.id,
      url: endpoint.url,
      attempt: pending.attempt,
      status: null,
      error: null,
      at: Date.now(),
    };
    try {
      const response = await fetch(endpoint.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
          'stripe-signature': signPayload(payload, endpoint.secret),
        },
        body: payload,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
      await response.arrayBuffer();
      record.status = response.status;
    } catch (error) {
      record.error = error instanceof Error ? error.message : String(error);
    }
    this.attempts.push(record);
    const delivered = record.status !== null && record.status >= 200 && record.status < 300;
    if (!delivered && pending.attempt < this.settings.maxAttempts) this.retry(pending);
  }

  private retry(pending: Pending): void {
    const waitMs = this.settings.retryDelayMs * 2 ** (pending.attempt - 1);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.sendInOrder([{ ...pending, attempt: pending.attempt + 1 }]);
    }, waitMs);
    this.timers.add(timer);
  }
}

/** A random order that always differs from the original, so a test of reordering cannot pass by luck. */
function shuffled<T>(items: T[]): T[] {
  if (items.length < 2) return [...items];
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  if (copy.every((item, i) => item === items[i])) copy.push(copy.shift() as T);
  return copy;
}
