import { EmulatorSettings, RequestInfo, ResourceContext } from '../resources/context';
import { createEvent } from '../resources/events';
import { Account } from './account';
import { Clock } from './clock';
import { StripeEvent } from './objects';

/** Counts the webhook deliveries an event will get (Stripe's `pending_webhooks`) and queues them. */
export type EventSink = (account: Account, event: StripeEvent) => number;

/** All accounts (one per secret key), the emulator clock, and the timers of deferred work. */
export class EmulatorState {
  readonly clock = new Clock();
  private readonly accounts = new Map<string, Account>();
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly settings: EmulatorSettings,
    private readonly sink: EventSink,
  ) {}

  account(apiKey: string): Account {
    let account = this.accounts.get(apiKey);
    if (!account) {
      account = new Account(apiKey);
      this.accounts.set(apiKey, account);
    }
    return account;
  }

  allAccounts(): Account[] {
    return [...this.accounts.values()];
  }

  context(account: Account, request: RequestInfo | null): ResourceContext {
    return {
      account,
      settings: this.settings,
      request,
      now: () => this.clock.now(),
      emit: (type, object, previousAttributes) => {
        const event = createEvent(account, type, object, request, this.clock.now(), previousAttributes);
        event.pending_webhooks = this.sink(account, event);
      },
      later: (delayMs, task) => {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          task(this.context(account, null));
        }, delayMs);
        this.timers.add(timer);
      },
    };
  }

  reset(): void {
    this.stopTimers();
    this.accounts.clear();
    this.clock.reset();
  }

  stopTimers(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
