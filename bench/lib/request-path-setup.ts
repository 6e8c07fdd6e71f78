import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createKeyring, generateSigningKey } from '@backoffice/kit';
import type { GraphQLClient, ManagedChild } from '@backoffice/testkit';
import {
  busLoginEnv,
  ensureBusPasswords,
  provisionStream,
  writeNatsServerConfig,
} from '../../scripts/lib/bus-access.js';
import { BUS_USERS } from '../../scripts/lib/bus-permissions.js';
import { startOwnNats } from '../../test/reliability/support/nats.js';

/** The data of bench:request-path: one department and `count` employees hired through the graph. */
export async function seedEmployees(admin: GraphQLClient, count: number): Promise<void> {
  const dept = await admin.query(
    'mutation { createDepartment(input: { name: "Front office", costCenter: "FO-1" }) { id } }',
  );
  const departmentId = (dept.data as { createDepartment?: { id: string } } | null)?.createDepartment?.id;
  if (!departmentId) throw new Error(`createDepartment: ${JSON.stringify(dept.errors)}`);
  const year = new Date().getUTCFullYear();
  for (let i = 0; i < count; i++) {
    const r = await admin.query(
      'mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }',
      {
        input: {
          givenName: `Given${i}`,
          familyName: `Family${String(i).padStart(3, '0')}`,
          email: `bench.${i}@example.com`,
          departmentId,
          startDate: `${year}-01-01`,
          workLocation: i % 3 === 0 ? 'REMOTE' : 'OFFICE',
          contract: { monthlySalary: String(3000 + i * 100), currency: 'EUR', fte: 1 },
        },
      },
    );
    if (r.errors?.length) throw new Error(`hireEmployee: ${JSON.stringify(r.errors)}`);
  }
}

/** Waits until a process answers 200 on /health next to its /graphql. */
export async function waitForHealth(url: string, child: ManagedChild, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.isRunning()) throw new Error(`${child.name} exited:\n${child.lastLines().join('\n')}`);
    try {
      if ((await fetch(url.replace(/\/graphql$/, '/health'))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} not ready after ${timeoutMs} ms:\n${child.lastLines().join('\n')}`);
}

/**
 * CPU time a process has used so far, in ms (user + system, from /proc; NaN without procfs). Divided
 * by the requests a run served, it is what one request costs that process, a figure that other work
 * on a loaded machine moves much less than requests per second.
 */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** sysconf(_SC_CLK_TCK): 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;

/**
 * What the bench's processes run with in production mode (NODE_ENV=production, as deployed): their
 * own generated signing keys (the gateway's and hr's, each trusting both), a generated JWT secret with
 * issuer and audience, and a nats-server of the bench's own with a user per service, its stream
 * provisioned by the ops user first. Nothing of hr's production checks is relaxed: the settings are
 * real, only short-lived. `keyring` is the gateway's, for the identities the bench signs itself.
 */
export async function productionSettings(scope: { stream: string; prefix: string }) {
  const gateway = generateSigningKey();
  const hr = generateSigningKey();
  const trusted = { gateway: [gateway.publicKey], hr: [hr.publicKey] };
  const TRUSTED_KEYS = JSON.stringify(trusted);
  const jwt = {
    secret: randomBytes(48).toString('base64'),
    issuer: 'https://idp.request-path.bench',
    audience: 'backoffice',
  };
  // Passwords as production takes them (a letter first: nats-server parses the value), written before
  // ensureBusPasswords, which keeps what it finds (its own base64url ones may start with a digit or
  // '-', which hr refuses in production).
  const usersDir = fs.mkdtempSync(path.join(os.tmpdir(), 'request-path-nats-users-'));
  for (const user of BUS_USERS)
    fs.writeFileSync(path.join(usersDir, `${user}.password`), `n${randomBytes(32).toString('hex')}\n`, {
      mode: 0o600,
    });
  const logins = ensureBusPasswords(usersDir);
  const config = writeNatsServerConfig(path.join(usersDir, 'nats.conf'), scope, logins);
  const nats = await startOwnNats({
    args: (port, storeDir) => ['-c', config, '-js', '-a', '127.0.0.1', '-p', String(port), '-sd', storeDir],
  });
  await provisionStream(nats.url, scope, logins.ops, 1);
  return {
    env: {
      NODE_ENV: 'production',
      BACKOFFICE_DEV: '',
      LISTEN_HOST: '127.0.0.1',
      NATS_URL: nats.url,
      JWT_ISSUER: jwt.issuer,
      JWT_AUDIENCE: jwt.audience,
    },
    processEnv: {
      gateway: {
        SIGNING_KEY: gateway.signingKey,
        TRUSTED_KEYS,
        JWT_SECRET: jwt.secret,
        // /metrics on a port of its own in production: a free one, as runs may overlap.
        GATEWAY_METRICS_PORT: '0',
      },
      hr: { SIGNING_KEY: hr.signingKey, TRUSTED_KEYS, ...busLoginEnv(logins.hr) },
    },
    keyring: createKeyring('gateway', gateway.signingKey, new Map(Object.entries(trusted))),
    jwt,
    stop: async () => {
      await nats.dispose();
      fs.rmSync(usersDir, { recursive: true, force: true });
    },
  };
}
