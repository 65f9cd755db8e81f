import { invalidRequest } from '../http/errors';
import { Params } from '../http/form-params';
import { optionalInteger, optionalString } from '../http/params';
import { StripeObject } from './object-store';

export interface ListResponse<T> {
  object: 'list';
  data: T[];
  has_more: boolean;
  url: string;
}

/**
 * Stripe list semantics: newest first, `created` as a number or `{gt,gte,lt,lte}`, `limit` 1–100
 * (default 10), cursors `starting_after` / `ending_before` naming an object id of the (filtered) list.
 */
export function paginate<T extends StripeObject>(items: T[], params: Params, url: string): ListResponse<T> {
  const limit = optionalInteger(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100)
    throw invalidRequest('Invalid limit: must be between 1 and 100', undefined, 'limit');
  const ordered = items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => b.item.created - a.item.created || b.index - a.index)
    .map(({ item }) => item)
    .filter(createdFilter(params));

  const startingAfter = optionalString(params, 'starting_after');
  const endingBefore = optionalString(params, 'ending_before');
  if (endingBefore) {
    const end = cursorIndex(ordered, endingBefore, 'ending_before');
    const start = Math.max(0, end - limit);
    return { object: 'list', data: ordered.slice(start, end), has_more: start > 0, url };
  }
  const start = startingAfter ? cursorIndex(ordered, startingAfter, 'starting_after') + 1 : 0;
  return {
    object: 'list',
    data: ordered.slice(start, start + limit),
    has_more: ordered.length > start + limit,
    url,
  };
}

function cursorIndex(items: StripeObject[], id: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index < 0) throw invalidRequest(`No such object: '${id}'`, 'resource_missing', param, 404);
  return index;
}

function createdFilter(params: Params): (item: StripeObject) => boolean {
  const created = params.created;
  if (created === undefined) return () => true;
  if (typeof created === 'string') {
    const exact = optionalInteger(params, 'created');
    return (item) => item.created === exact;
  }
  if (Array.isArray(created)) throw invalidRequest('Invalid created filter', undefined, 'created');
  const bound = (name: string) => optionalInteger(created, name);
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return (item) =>
    (gt === undefined || item.created > gt) &&
    (gte === undefined || item.created >= gte) &&
    (lt === undefined || item.created < lt) &&
    (lte === undefined || item.created <= lte);
}
