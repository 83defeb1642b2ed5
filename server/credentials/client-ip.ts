import type {IncomingMessage} from 'node:http';
import {isIPv4, isIPv6} from 'node:net';

/** The first four groups of an IPv6 address: a home or a server is handed a whole /64. */
function ipv6Prefix(address: string): string {
  const [head = '', tail] = address.split('%')[0]!.toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => Number.parseInt(group, 16).toString(16))
    .join(':')}::/64`;
}

/** One limit key per client: the IPv4 address, or the IPv6 /64 (an IPv4-mapped address counts as IPv4). */
export function clientKey(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (isIPv4(address)) return address;
  if (isIPv6(address)) return ipv6Prefix(address);
  return address === '' ? 'unknown' : address;
}

/**
 * The address the request came from. Behind a trusted proxy that is the last `X-Forwarded-For`
 * entry, the one the proxy itself added; the ones before it are whatever the client claimed.
 */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const header = req.headers['x-forwarded-for'];
    const list = (Array.isArray(header) ? header.join(',') : (header ?? '')).split(',');
    const last = list.at(-1)?.trim();
    if (last !== undefined && last !== '') return last;
  }
  return req.socket.remoteAddress ?? '';
}
