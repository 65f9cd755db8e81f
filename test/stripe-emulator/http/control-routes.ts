import { IncomingMessage, ServerResponse } from 'node:http';
import { EmulatorControl, isObjectKind } from '../control';
import { FaultSpec } from '../faults/fault-injector';
import { BalanceEntry } from '../resources/balance-transactions';
import { WebhookEndpointSpec } from '../webhooks/delivery';
import { StripeApiError } from './errors';
import { apiKeyOf, readBody, sendJson } from './http-io';
import { Router } from './router';

type Body = Record<string, unknown>;

interface ControlRequest {
  control: EmulatorControl;
  /** The account a route acts on: the secret key in `Authorization: Bearer`, as for the API. */
  apiKey: () => string;
}

/** The control API under /_emulator, for the demo and other processes (JSON in, JSON out). */
export function controlRouter(): Router<ControlRequest, Body> {
  return new Router<ControlRequest, Body>()
    .add('GET', '/_emulator/health', () => ({ ok: true }))
    .add('POST', '/_emulator/reset', ({ control }) => (control.reset(), { ok: true }))
    .add('POST', '/_emulator/webhook_endpoints', ({ control }, body) =>
      control.addWebhookEndpoint(body as unknown as WebhookEndpointSpec),
    )
    .add('DELETE', '/_emulator/webhook_endpoints/:id', ({ control }, _body, path) => ({
      deleted: control.removeWebhookEndpoint(path.id),
    }))
    .add('GET', '/_emulator/delivery', ({ control }) => control.configureDelivery({}))
    .add('POST', '/_emulator/delivery', ({ control }, body) => control.configureDelivery(body))
    .add(
      'POST',
      '/_emulator/delivery/flush',
      async ({ control }) => (await control.flushDeliveries(), { ok: true }),
    )
    .add('GET', '/_emulator/delivery/attempts', ({ control }) => control.deliveryAttempts())
    .add(
      'POST',
      '/_emulator/faults',
      ({ control }, body) => (control.injectFault(body as unknown as FaultSpec), { ok: true }),
    )
    .add('DELETE', '/_emulator/faults', ({ control }) => (control.clearFaults(), { ok: true }))
    .add('POST', '/_emulator/time/advance', ({ control }, body) => ({
      now: control.advanceTime(Number(body.seconds)),
    }))
    .add('GET', '/_emulator/objects/:kind', ({ control, apiKey }, _body, path) => {
      if (!isObjectKind(path.kind)) throw new Error(`unknown kind ${path.kind}`);
      return control.objects(apiKey(), path.kind);
    })
    .add('DELETE', '/_emulator/objects/:id', ({ control, apiKey }, _body, path) => ({
      deleted: control.deleteObject(apiKey(), path.id),
    }))
    .add('POST', '/_emulator/payment_intents/:id/settle', ({ control, apiKey }, body, path) =>
      control.settlePaymentIntent(apiKey(), path.id, body.outcome as 'succeeded' | 'failed' | undefined),
    )
    .add('POST', '/_emulator/intents/:id/authenticate', ({ control, apiKey }, body, path) =>
      control.completeAuthentication(apiKey(), path.id, body.success !== false),
    )
    .add('POST', '/_emulator/charges/:id/dispute', ({ control, apiKey }, body, path) =>
      control.openDispute(apiKey(), path.id, body.kind === 'inquiry' ? 'inquiry' : 'fraudulent'),
    )
    .add('POST', '/_emulator/disputes/:id/close', ({ control, apiKey }, body, path) =>
      control.closeDispute(apiKey(), path.id, body.outcome === 'won' ? 'won' : 'lost'),
    )
    .add('POST', '/_emulator/refunds/:id/fail', ({ control, apiKey }, body, path) =>
      control.failRefund(apiKey(), path.id, typeof body.reason === 'string' ? body.reason : undefined),
    )
    .add('POST', '/_emulator/payment_methods/:id/behave_as', ({ control, apiKey }, body, path) => {
      control.setPaymentMethodBehaviour(apiKey(), path.id, String(body.token));
      return { ok: true };
    })
    .add('POST', '/_emulator/balance_transactions', ({ control, apiKey }, body) =>
      control.plantBalanceTransaction(apiKey(), body as unknown as BalanceEntry),
    );
}

export async function handleControlRequest(
  router: Router<ControlRequest, Body>,
  control: EmulatorControl,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator');
  const route = router.match(req.method ?? 'GET', url.pathname);
  if (!route)
    return sendJson(res, 404, JSON.stringify({ error: { message: `No control route ${url.pathname}` } }));
  try {
    const raw = await readBody(req);
    const body = (raw ? JSON.parse(raw) : {}) as Body;
    const apiKey = () => {
      const key = apiKeyOf(req);
      if (!key) throw new Error('this control route needs Authorization: Bearer <secret key>');
      return key;
    };
    const result: unknown = await route.handler({ control, apiKey }, body, route.path);
    sendJson(res, 200, JSON.stringify(result ?? { ok: true }));
  } catch (error) {
    const status = error instanceof StripeApiError ? error.status : 400;
    const message = error instanceof Error ? error.message : String(error);
    sendJson(res, status, JSON.stringify({ error: { message } }));
  }
}
