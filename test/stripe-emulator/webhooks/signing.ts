import Stripe from 'stripe';

/** The `Stripe-Signature` header, made by the SDK's own helper so receivers verify it like a real one. */
export function signPayload(payload: string, secret: string): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret });
}
