import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { EmulatorControl } from './control';
import { FaultInjector } from './faults/fault-injector';
import { handleApiRequest } from './http/api-handler';
import { controlRouter, handleControlRequest } from './http/control-routes';
import { sendJson } from './http/http-io';
import { DEFAULT_SETTINGS, EmulatorSettings } from './resources/context';
import { stripeApiRouter } from './resources/routes';
import { EmulatorState } from './state/emulator-state';
import { WebhookDelivery } from './webhooks/delivery';

export interface StripeEmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Accept only these secret keys (others get 401); by default any `sk_test_…` key is its own account. */
  allowedKeys?: string[];
  settings?: Partial<EmulatorSettings>;
}

export interface StripeEmulator {
  /** The STRIPE_API_BASE to give the platform, e.g. `http://127.0.0.1:41234`. */
  url: string;
  control: EmulatorControl;
  stop(): Promise<void>;
}

/** Starts the emulator: the Stripe API under /v1 and the control API under /_emulator. */
export async function startStripeEmulator(options: StripeEmulatorOptions = {}): Promise<StripeEmulator> {
  const delivery = new WebhookDelivery();
  const faults = new FaultInjector();
  const state = new EmulatorState({ ...DEFAULT_SETTINGS, ...options.settings }, (account, event) =>
    delivery.enqueue(account.apiKey, event),
  );
  const control = new EmulatorControl(state, delivery, faults);
  const apiDeps = {
    state,
    faults,
    router: stripeApiRouter(),
    allowedKeys: options.allowedKeys ? new Set(options.allowedKeys) : undefined,
  };
  const controlRoutes = controlRouter();

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    const handled = path.startsWith('/_emulator/')
      ? handleControlRequest(controlRoutes, control, req, res)
      : handleApiRequest(apiDeps, req, res);
    handled.catch((error: unknown) => {
      if (!res.headersSent)
        sendJson(res, 500, JSON.stringify({ error: { type: 'api_error', message: String(error) } }));
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://${host}:${port}`,
    control,
    stop: async () => {
      state.stopTimers();
      delivery.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
