import { randomBytes } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { StripeEmulator, startStripeEmulator } from '../stripe-emulator';
import { newTestKey } from '../stripe-emulator/test-support';
import { AuthTestApp, SignedUpUser, asUser, startAuthApp } from './auth-test-kit';

/** The API + worker talking to a Stripe emulator, and listening on a port so the emulator can deliver webhooks. */
export interface PaymentsTestApp extends AuthTestApp {
  emulator: StripeEmulator;
  /** e.g. `http://127.0.0.1:41234`: where the emulator posts webhooks. */
  baseUrl: string;
}

export interface ConnectedStripe {
  apiKey: string;
  webhookSecret: string;
  /** The emulator's webhook endpoint id, when webhooks are delivered. */
  endpointId: string | null;
}

export async function startPaymentsApp(env: Record<string, string> = {}): Promise<PaymentsTestApp> {
  const emulator = await startStripeEmulator({ port: 0 });
  const t = await startAuthApp({ STRIPE_API_BASE: emulator.url, ...env });
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return {
    ...t,
    emulator,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await t.stop();
      await emulator.stop();
    },
  };
}

/**
 * Connects the user's organisation to its own emulator account (a fresh `sk_test_` key) through the API and,
 * unless `webhooks: false`, points the emulator's webhooks for that account at the org's inbound route.
 */
export async function connectStripe(
  t: PaymentsTestApp,
  user: SignedUpUser,
  options: { webhooks?: boolean } = {},
): Promise<ConnectedStripe> {
  const apiKey = newTestKey();
  const webhookSecret = `whsec_${randomBytes(16).toString('hex')}`;
  await asUser(t, user).put('/v1/payments/stripe', { secretKey: apiKey, webhookSecret }).expect(200);
  const endpoint =
    options.webhooks === false
      ? null
      : t.emulator.control.addWebhookEndpoint({
          url: `${t.baseUrl}/v1/webhooks/stripe/${user.orgId}`,
          secret: webhookSecret,
          apiKey,
          enabledEvents: ['*'],
        });
  return { apiKey, webhookSecret, endpointId: endpoint?.id ?? null };
}
