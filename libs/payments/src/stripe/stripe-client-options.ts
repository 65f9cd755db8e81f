import type Stripe from 'stripe';

/**
 * Maps `STRIPE_API_BASE` (e.g. `http://127.0.0.1:12111`) to the stripe-node options that send every request
 * there. Production leaves STRIPE_API_BASE unset and the SDK talks to api.stripe.com.
 */
export function stripeClientOptions(
  apiBase: string,
): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  const url = new URL(apiBase);
  const protocol = url.protocol === 'https:' ? 'https' : 'http';
  return { host: url.hostname, port: Number(url.port || (protocol === 'https' ? 443 : 80)), protocol };
}
