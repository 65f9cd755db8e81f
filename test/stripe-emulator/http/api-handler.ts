import { IncomingMessage, ServerResponse } from 'node:http';
import { Fault, FaultInjector } from '../faults/fault-injector';
import { ResourceContext } from '../resources/context';
import { Account } from '../state/account';
import { EmulatorState } from '../state/emulator-state';
import { expand } from '../state/expand';
import { newId } from '../state/ids';
import { requestFingerprint, storedResponse } from '../state/idempotency';
import { StripeApiError, invalidRequest, unauthorized } from './errors';
import { Params, decodeParams } from './form-params';
import { apiKeyOf, readBody, sendJson } from './http-io';
import { stringList } from './params';
import { Router } from './router';

export interface ApiHandlerDeps {
  state: EmulatorState;
  faults: FaultInjector;
  router: Router<ResourceContext>;
  /** When set, only these keys are accepted; otherwise any `sk_test_`/`rk_test_` key opens its own account. */
  allowedKeys?: Set<string>;
}

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string>;
}

/**
 * One Stripe API request: injected faults, authentication, idempotent replay, the resource operation, and
 * Stripe's response headers (`Request-Id`, `Idempotent-Replayed`).
 */
export async function handleApiRequest(
  deps: ApiHandlerDeps,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const body = await readBody(req);
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://emulator');
  const requestId = newId('req');
  const headers: Record<string, string> = { 'request-id': requestId };
  const idempotencyKey = method === 'POST' ? headerValue(req, 'idempotency-key') : undefined;
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;

  const early = deps.faults.take(method, url.pathname, 'before');
  if (early) return applyFault(res, early, headers);

  let answer: Answer;
  try {
    const account = authenticate(deps, req);
    const params = decodeParams(method === 'POST' ? body : url.search.slice(1));
    answer = execute(deps, account, method, url.pathname, params, { id: requestId, idempotencyKey });
  } catch (error) {
    answer = errorAnswer(error);
  }
  const late = deps.faults.take(method, url.pathname, 'after');
  if (late) return applyFault(res, late, headers);
  sendJson(res, answer.status, answer.body, { ...headers, ...answer.headers });
}

function execute(
  deps: ApiHandlerDeps,
  account: Account,
  method: string,
  path: string,
  params: Params,
  request: { id: string; idempotencyKey?: string },
): Answer {
  const route = deps.router.match(method, path);
  if (!route)
    throw invalidRequest(`Unrecognized request URL (${method}: ${path}).`, undefined, undefined, 404);
  const fingerprint = requestFingerprint(method, path, params);
  if (request.idempotencyKey) {
    const stored = storedResponse(account, request.idempotencyKey, fingerprint);
    if (stored)
      return { status: stored.status, body: stored.body, headers: { 'idempotent-replayed': 'true' } };
  }
  const ctx = deps.state.context(account, {
    id: request.id,
    idempotency_key: request.idempotencyKey ?? null,
  });
  let answer: Answer;
  let store = true;
  try {
    const result = route.handler(ctx, params, route.path);
    answer = {
      status: 200,
      body: JSON.stringify(expand(account, result, stringList(params, 'expand'))),
      headers: {},
    };
  } catch (error) {
    if (!(error instanceof StripeApiError)) throw error;
    store = error.replayable;
    answer = errorAnswer(error);
  }
  if (request.idempotencyKey && store)
    account.idempotency.set(request.idempotencyKey, {
      fingerprint,
      status: answer.status,
      body: answer.body,
    });
  return answer;
}

function authenticate(deps: ApiHandlerDeps, req: IncomingMessage): Account {
  const key = apiKeyOf(req);
  if (!key)
    throw unauthorized(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY').",
    );
  const accepted = deps.allowedKeys ? deps.allowedKeys.has(key) : /^(sk|rk)_test_/.test(key);
  if (!accepted) throw unauthorized(`Invalid API Key provided: ${key.slice(0, 8)}********${key.slice(-4)}`);
  const account = deps.state.account(key);
  account.apiVersion ??= headerValue(req, 'stripe-version') ?? null;
  return account;
}

function errorAnswer(error: unknown): Answer {
  if (error instanceof StripeApiError)
    return { status: error.status, body: JSON.stringify({ error: error.body }), headers: {} };
  const message = error instanceof Error ? error.message : String(error);
  return { status: 500, body: JSON.stringify({ error: { type: 'api_error', message } }), headers: {} };
}

function applyFault(res: ServerResponse, fault: Fault, headers: Record<string, string>): void {
  if (fault.kind === 'timeout') {
    const timer = setTimeout(() => res.destroy(), fault.hangMs);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  if (fault.kind === '429') {
    const error = {
      type: 'invalid_request_error',
      code: 'rate_limit',
      message:
        'Too many requests hit the API too quickly. We recommend an exponential backoff of your requests.',
    };
    // Stripe-Should-Retry tells stripe-node to retry a 429 itself, as Stripe does for lock timeouts.
    sendJson(res, 429, JSON.stringify({ error }), {
      ...headers,
      'retry-after': String(fault.retryAfterSeconds),
      'stripe-should-retry': 'true',
    });
    return;
  }
  const error = {
    type: 'api_error',
    message: 'An unknown error occurred (injected by the Stripe emulator).',
  };
  sendJson(res, 500, JSON.stringify({ error }), headers);
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
