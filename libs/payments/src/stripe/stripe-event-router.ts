import { Injectable } from '@nestjs/common';
import type Stripe from 'stripe';

/** Applies one verified inbound Stripe event of an organisation; must be safe to run twice. */
export type StripeEventHandler = (orgId: string, event: Stripe.Event) => Promise<void>;

/**
 * Who handles which inbound Stripe event type. Each feature (collection, payment methods, refunds,
 * disputes) registers its handlers in `onModuleInit`; the inbox processor dispatches to them, so it knows
 * none of them. An event type may have several handlers; a type with none is stored and marked ignored.
 */
@Injectable()
export class StripeEventRouter {
  private readonly handlers = new Map<string, StripeEventHandler[]>();

  on(types: readonly string[], handler: StripeEventHandler): void {
    for (const type of types) this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }

  /** Runs every handler of the event's type in registration order; false when the type has none. */
  async dispatch(orgId: string, event: Stripe.Event): Promise<boolean> {
    const handlers = this.handlers.get(event.type);
    if (!handlers) return false;
    for (const handler of handlers) await handler(orgId, event);
    return true;
  }
}
