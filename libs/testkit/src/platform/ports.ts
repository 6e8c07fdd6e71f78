import { randomInt } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Ports for processes a test starts (a subgraph, a nats-server) are chosen here and bound later by
 * that process, so the choice must stay free in between. Two things took such ports before:
 * - the kernel hands the ephemeral range (ip_local_port_range, 32768-60999 here) to every outgoing
 *   connection — a Postgres or NATS client socket could take a port `listen(0)` had just reported
 *   free (seen: a subgraph's EADDRINUSE on 40241 during a parallel run);
 * - another test worker choosing the same port at the same moment.
 * So ports come from below the ephemeral range, and each choice is reserved across processes with
 * an exclusive file until its process has had time to bind it.
 */
const RESERVATIONS = join(tmpdir(), 'backoffice-test-ports');
/** Long enough for a process to start and bind; after that a bound port fails `isPortFree` anyway. */
const RESERVATION_MS = 10 * 60_000;
const LOWEST = 10_000;

/** Where the kernel's ephemeral range starts. */
function ephemeralLow(): number {
  try {
    const [low] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/);
    const n = Number(low);
    if (Number.isInteger(n) && n > LOWEST + 1_000) return n;
  } catch {
    // not Linux: IANA's dynamic range starts at 49152, and Linux's default at 32768
  }
  return 32_768;
}
const EPHEMERAL_LOW = ephemeralLow();

/** Claims `port` for this process unless another claimed it within RESERVATION_MS. */
function reserve(port: number): boolean {
  const file = join(RESERVATIONS, String(port));
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' });
    return true;
  } catch {
    try {
      if (Date.now() - statSync(file).mtimeMs < RESERVATION_MS) return false;
      unlinkSync(file);
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      return true;
    } catch {
      return false; // another process took the stale reservation first
    }
  }
}

/** A loopback port nobody listens on, outside the ephemeral range, reserved for this caller. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const ceiling = EPHEMERAL_LOW;
  mkdirSync(RESERVATIONS, { recursive: true });
  for (let attempt = 0; attempt < 500; attempt++) {
    const port = randomInt(LOWEST, ceiling);
    if (reserve(port) && (await isPortFree(port, host))) return port;
  }
  throw new Error(`no free port between ${LOWEST} and ${ceiling} after 500 tries`);
}

/** Whether `port` can be bound on `host` (false when another process already listens there). */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** `preferred` when it is free, otherwise any free port. */
export async function preferredOrFreePort(preferred: number, host = '127.0.0.1'): Promise<number> {
  return (await isPortFree(preferred, host)) ? preferred : freePort(host);
}
