import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { connectBus } from '@backoffice/kit';
import { BUS_USERS, type BusScope, type BusUser, OPS_USER, renderAuthorization } from './bus-permissions.js';

/**
 * The users of a nats-server that `pnpm start` runs itself (and the permission test, the same way):
 * a password per user generated once into `.data/nats-users/` and kept across runs, a config file
 * holding the users and their permissions, and the stream provisioned by the ops user.
 */

export interface BusLogin {
  user: BusUser;
  password: string;
  /** Where the password is kept: what a process gets as NATS_PASSWORD_FILE. */
  passwordFile: string;
}

export type BusLogins = Record<BusUser, BusLogin>;

/**
 * Each user's password, generated on first use (32 random bytes), readable by the owner only. A letter,
 * then hex: what the kit accepts in production (natsPasswordProblem), since nats-server parses a value
 * that starts with a digit as a number or a date.
 */
export function ensureBusPasswords(dir: string): BusLogins {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const logins = {} as BusLogins;
  for (const user of BUS_USERS) {
    const passwordFile = path.join(dir, `${user}.password`);
    if (!existsSync(passwordFile))
      writeFileSync(passwordFile, `n${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
    chmodSync(passwordFile, 0o600);
    logins[user] = { user, password: readFileSync(passwordFile, 'utf8').trim(), passwordFile };
  }
  return logins;
}

/** A nats-server config with the users and their permissions; port, address and store come as flags. */
export function natsServerConfig(scope: BusScope, logins: BusLogins): string {
  const passwords = Object.fromEntries(BUS_USERS.map((u) => [u, logins[u].password])) as Record<
    BusUser,
    string
  >;
  return [
    '# Written by `pnpm start` (scripts/lib/bus-access.ts) for its own nats-server; regenerated every start.',
    '# Events are CloudEvents of a few KB; documents travel by id, never as message payloads.',
    'max_payload: 1MB',
    renderAuthorization(scope, passwords),
  ].join('\n');
}

export function writeNatsServerConfig(file: string, scope: BusScope, logins: BusLogins): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, natsServerConfig(scope, logins), { mode: 0o600 });
  return file;
}

/** Creates the stream (or corrects its subjects and max_age) as the ops user, before any service connects. */
export async function provisionStream(
  url: string,
  scope: BusScope,
  ops: BusLogin,
  retentionDays?: number,
): Promise<void> {
  const bus = await connectBus({
    url,
    stream: scope.stream,
    prefix: scope.prefix,
    name: 'backoffice-provision',
    credentials: { user: OPS_USER, password: ops.password },
    provision: true,
    retentionDays,
  });
  await bus.nc.close();
}

/** The environment a service (or `pnpm ops:*`) connects with: its user and the file holding its password. */
export function busLoginEnv(login: BusLogin): Record<string, string> {
  return { NATS_USER: login.user, NATS_PASSWORD_FILE: login.passwordFile };
}
