import ipaddr from 'ipaddr.js';

/**
 * True only for a globally routable unicast address. Everything else is refused as a webhook target:
 * private (10/8, 172.16/12, 192.168/16, fc00::/7), loopback, link-local (169.254/16 with the cloud
 * metadata address, fe80::/10), unspecified, CGNAT (100.64/10), multicast, broadcast, and the reserved and
 * translation ranges (an IPv4-mapped IPv6 address is judged as the IPv4 address it carries).
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** `[::1]` → `::1`: WHATWG URL keeps the brackets of an IPv6 host. */
export const unbracket = (hostname: string): string => hostname.replace(/^\[(.*)\]$/, '$1');

/** `localhost` and `*.localhost` always mean this machine (RFC 6761), whatever DNS says. */
export const isLocalhostName = (hostname: string): boolean =>
  /^(.+\.)?localhost\.?$/i.test(unbracket(hostname));
