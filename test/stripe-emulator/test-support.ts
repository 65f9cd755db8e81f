import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders } from 'node:http';
import { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { stripeClientOptions } from '../../libs/payments/src/stripe/stripe-client-options';
import { StripeEmulator } from './server';

/** Helpers for the emulator's own tests: an SDK client per fresh account and a webhook receiver. */
export function newTestKey(): string {
  return `sk_test_${randomUUID().replace(/-/g, '')}`;
}

export function stripeClient(
  emulator: StripeEmulator,
  apiKey: string,
  config: Stripe.StripeConfig = {},
): Stripe {
  return new Stripe(apiKey, { ...stripeClientOptions(emulator.url), maxNetworkRetries: 0, ...config });
}

export interface ReceivedWebhook {
  body: string;
  headers: IncomingHttpHeaders;
  event: { id: string; type: string; data: { object: { id: string } } };
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedWebhook[];
  /** Status code to answer with (default 200). */
  respondWith: number;
  stop(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const receiver = { received: [] as ReceivedWebhook[], respondWith: 200 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      receiver.received.push({
        body,
        headers: req.headers,
        event: JSON.parse(body) as ReceivedWebhook['event'],
      });
      res.writeHead(receiver.respondWith).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(receiver, {
    url: `http://127.0.0.1:${port}/webhooks/stripe`,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
