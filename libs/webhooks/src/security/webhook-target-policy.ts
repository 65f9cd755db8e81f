import { LookupAddress, lookup as dnsLookup } from 'node:dns';
import { isIP } from 'node:net';
import { Inject, Injectable } from '@nestjs/common';
import { AppConfig } from '@app/core';
import { WebhooksErrorCode, invalidUrl } from '../webhooks.errors';
import { isLocalhostName, isPublicAddress, unbracket } from './public-address';

export const MAX_WEBHOOK_URL_LENGTH = 2048;

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
export type ConnectionLookup = (
  hostname: string,
  options: { all?: boolean; family?: number | string; hints?: number },
  callback: LookupCallback,
) => void;

/** Raised by the delivery-time lookup: the name resolved to an address webhooks may not reach. */
export class WebhookTargetRefusedError extends Error {
  override readonly name = 'WebhookTargetRefusedError';
  readonly code = 'ERR_WEBHOOK_TARGET_REFUSED';
  constructor(hostname: string, address: string) {
    super(`refused: ${hostname} resolves to ${address}, a private, loopback or link-local address`);
  }
}

/**
 * SSRF protection. At create/update time the URL must be http(s) without credentials and its host must be a
 * public address (a literal, or every address DNS gives). At delivery time the address actually connected
 * to is checked again through the socket's own lookup, so a DNS answer that changed since (rebinding)
 * cannot reach an internal service. WEBHOOK_ALLOW_PRIVATE_TARGETS=true turns both checks off.
 */
@Injectable()
export class WebhookTargetPolicy {
  readonly allowPrivate: boolean;

  constructor(@Inject(AppConfig) config: Pick<AppConfig, 'WEBHOOK_ALLOW_PRIVATE_TARGETS'>) {
    this.allowPrivate = config.WEBHOOK_ALLOW_PRIVATE_TARGETS === 'true';
  }

  /** The normalised URL, or a 422 (`invalid_webhook_url`, `webhook_target_not_allowed`). */
  async assertAcceptable(raw: string): Promise<string> {
    const url = parseWebhookUrl(raw);
    if (this.allowPrivate) return url.href;
    const host = unbracket(url.hostname);
    if (isLocalhostName(host)) throw notAllowed(`${host} is this machine`);
    if (isIP(host)) {
      if (!isPublicAddress(host)) throw notAllowed(`${host} is a private, loopback or link-local address`);
      return url.href;
    }
    const addresses = await resolveAll(host);
    if (addresses.length === 0)
      throw invalidUrl(WebhooksErrorCode.InvalidWebhookUrl, `${host} does not resolve`);
    const refused = addresses.find((address) => !isPublicAddress(address));
    if (refused)
      throw notAllowed(`${host} resolves to ${refused}, a private, loopback or link-local address`);
    return url.href;
  }

  /** Why a delivery to this literal-IP URL is refused, or null (Node resolves no name for an IP literal). */
  refusalOfLiteral(url: URL): string | null {
    if (this.allowPrivate) return null;
    const host = unbracket(url.hostname);
    return isIP(host) && !isPublicAddress(host)
      ? `refused: ${host} is a private, loopback or link-local address`
      : null;
  }

  /** The `lookup` for the delivery socket: refuses when any resolved address is not public. */
  connectionLookup(): ConnectionLookup | undefined {
    if (this.allowPrivate) return undefined;
    return (hostname, options, callback) => {
      dnsLookup(
        hostname,
        { family: Number(options.family ?? 0), hints: options.hints, all: true },
        (error, addresses) => {
          if (error) return callback(error, []);
          const refused = addresses.find((a) => !isPublicAddress(a.address));
          if (refused || addresses.length === 0) {
            return callback(new WebhookTargetRefusedError(hostname, refused?.address ?? 'nothing'), []);
          }
          if (options.all) return callback(null, addresses);
          callback(null, addresses[0].address, addresses[0].family);
        },
      );
    };
  }
}

/** An absolute http(s) URL without user info, or a 422 naming what is wrong. */
export function parseWebhookUrl(raw: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidUrl(WebhooksErrorCode.InvalidWebhookUrl, 'must be an absolute http:// or https:// URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw invalidUrl(WebhooksErrorCode.InvalidWebhookUrl, 'must use https:// or http://');
  }
  if (url.username || url.password) {
    throw invalidUrl(WebhooksErrorCode.InvalidWebhookUrl, 'must not contain a user name or password');
  }
  if (url.href.length > MAX_WEBHOOK_URL_LENGTH) {
    throw invalidUrl(
      WebhooksErrorCode.InvalidWebhookUrl,
      `must be at most ${MAX_WEBHOOK_URL_LENGTH} characters`,
    );
  }
  return url;
}

const notAllowed = (message: string) => invalidUrl(WebhooksErrorCode.WebhookTargetNotAllowed, message);

function resolveAll(host: string): Promise<string[]> {
  return new Promise((resolve) =>
    dnsLookup(host, { all: true }, (error, addresses) =>
      resolve(error ? [] : addresses.map((a) => a.address)),
    ),
  );
}
