import { Router } from '../http/router';
import { stringList, optionalString } from '../http/params';
import { Account } from '../state/account';
import { newId } from '../state/ids';
import { paginate } from '../state/list';
import { StripeObject } from '../state/object-store';
import { StripeEvent } from '../state/objects';
import { RequestInfo, ResourceContext } from './context';

/** An event carries a snapshot of the object as it was when the change happened. */
export function createEvent(
  account: Account,
  type: string,
  object: StripeObject,
  request: RequestInfo | null,
  created: number,
  previousAttributes?: Record<string, unknown>,
): StripeEvent {
  const data: StripeEvent['data'] = { object: structuredClone(object) };
  if (previousAttributes) data.previous_attributes = previousAttributes;
  return account.events.add({
    id: newId('evt'),
    object: 'event',
    api_version: account.apiVersion,
    created,
    data,
    livemode: false,
    pending_webhooks: 0,
    request: { id: request?.id ?? null, idempotency_key: request?.idempotency_key ?? null },
    type,
  });
}

export function registerEventRoutes(router: Router<ResourceContext>): void {
  router
    .add('GET', '/v1/events', (ctx, params) => {
      const type = optionalString(params, 'type');
      const types = stringList(params, 'types');
      const matches = (eventType: string) =>
        (!type || wildcardMatch(type, eventType)) && (types.length === 0 || types.includes(eventType));
      const events = ctx.account.events.all().filter((event) => matches(event.type));
      return paginate(events, params, '/v1/events');
    })
    .add('GET', '/v1/events/:id', (ctx, _params, path) => ctx.account.events.require(path.id));
}

/** `type=charge.dispute.*` style filters. */
export function wildcardMatch(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  return pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type;
}
