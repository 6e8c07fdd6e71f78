import { isIP } from 'node:net';
import { isDevMode, type RunMode } from '@backoffice/kit';

/**
 * Who may use the dev login (`POST /console/dev-login`, which signs a token for any roles asked
 * for): a process in dev mode (BACKOFFICE_DEV=1), a request from this machine, made to this machine
 * by name. Anything else gets a 404, as if the route did not exist.
 *
 * - Loopback peer: 127.0.0.0/8 or ::1 (also as ::ffff:127.x.y.z), never a LAN address.
 * - No forwarding headers: a reverse proxy on this host would make every remote caller a loopback
 *   peer; proxies that forward say so (X-Forwarded-For, Forwarded, X-Real-IP).
 * - A loopback Host: a web page that rebinds its own name to 127.0.0.1 reaches the gateway through
 *   the developer's browser, but with its own name in Host.
 */
export interface DevLoginRequest {
  remoteAddress: string | undefined;
  headers: Record<string, string | string[] | undefined>;
}

const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip', 'x-forwarded-host'];

export function mayUseDevLogin(mode: RunMode, hasSecret: boolean, request: DevLoginRequest): boolean {
  if (!isDevMode(mode) || !hasSecret) return false;
  if (!isLoopbackAddress(request.remoteAddress)) return false;
  if (FORWARDING_HEADERS.some((name) => request.headers[name] !== undefined)) return false;
  const host = request.headers.host;
  return typeof host === 'string' && isLoopbackHost(host);
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const ip = address.toLowerCase().replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (ip === '::1') return true;
  return isIP(ip) === 4 && ip.startsWith('127.');
}

/** `localhost`, `*.localhost`, a 127.x address or [::1], with or without a port. */
export function isLoopbackHost(host: string): boolean {
  const trimmed = host.trim().toLowerCase();
  const name = trimmed.startsWith('[')
    ? trimmed.slice(1, trimmed.indexOf(']'))
    : trimmed.replace(/:\d+$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  return isLoopbackAddress(name);
}
