import path from 'node:path';
import { GATEWAY_PORT, SERVICE_NAMES, servicePort } from '@backoffice/kit';
import { ensureInfrastructure, type Infrastructure } from './infra.js';
import { ensureKeys, keyEnv } from './keys.js';
import { busLoginEnv } from './lib/bus-access.js';
import { REPO_ROOT } from './lib/repo.js';
import { type Platform, type ProcessName, startPlatform } from '@backoffice/testkit';

/**
 * `pnpm start`: the whole platform in the foreground. Postgres and NATS as found (or embedded, NATS
 * then with a user per service), the five subgraphs, then the gateway, each signing with its own key
 * from `.data/keys`; Ctrl-C stops the platform first, then anything started for it, and exits 0.
 * Compiled (`scripts/dist/start.js` with plain node, starting each package's `dist/main.js`);
 * `pnpm dev` runs the same from the TypeScript sources, each process restarting when its files change.
 */

const say = (message: string) => process.stdout.write(`[start] ${message}\n`);
const launchedAt = performance.now();
const seconds = () => ((performance.now() - launchedAt) / 1000).toFixed(1);

let infra: Infrastructure | undefined;
let platform: Promise<Platform> | undefined;
let shuttingDown: Promise<void> | undefined;
const starting = new AbortController();

function shutdown(code: number): Promise<void> {
  shuttingDown ??= (async () => {
    say('stopping ...');
    // Interrupts a start in progress; startPlatform then stops what it already launched.
    starting.abort();
    // If the start was interrupted, this waits until startPlatform has stopped what it launched.
    await platform?.then(
      (p) => p.stop(),
      () => {},
    );
    await infra?.stop();
    say('stopped');
    process.exit(code);
  })();
  return shuttingDown;
}

// A second Ctrl-C while stopping means "now": the platform's exit hook SIGKILLs what is left.
let interrupts = 0;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    if (++interrupts > 1) process.exit(130);
    void shutdown(0);
  });
}

try {
  infra = await ensureInfrastructure({ log: say });
  if (shuttingDown) await shuttingDown;
  const gatewayPort = Number(process.env.GATEWAY_PORT ?? GATEWAY_PORT);
  // A key pair per process, kept across runs: each signs as itself and believes only the others' public keys.
  const keys = ensureKeys(path.join(REPO_ROOT, '.data', 'keys'));
  say(`signing keys in ${path.dirname(keys.trustedKeysFile)} (one per process; TRUSTED_KEYS_FILE for all)`);
  const processEnv: Partial<Record<ProcessName, NodeJS.ProcessEnv>> = { gateway: keyEnv(keys, 'gateway') };
  for (const name of SERVICE_NAMES) {
    const login = infra.natsLogins?.[name];
    processEnv[name] = { ...keyEnv(keys, name), ...(login ? busLoginEnv(login) : {}) };
  }
  platform = startPlatform({
    env: {
      DATABASE_URL: infra.databaseUrl,
      NATS_URL: infra.natsUrl,
      // A developer's machine, said explicitly: the repo's dev keys, the dev login, error details.
      // Processes refuse the dev keys without it, so a forgotten NODE_ENV never runs on them.
      NODE_ENV: 'development',
      BACKOFFICE_DEV: '1',
      // Only this machine can reach what runs on the dev keys (LISTEN_HOST / GATEWAY_HOST to share it).
      LISTEN_HOST: process.env.LISTEN_HOST || '127.0.0.1',
      GATEWAY_HOST: process.env.GATEWAY_HOST || process.env.LISTEN_HOST || '127.0.0.1',
    },
    gatewayPort,
    // HR_PORT, ACCOUNTING_PORT, ... as the contract lets every port be overridden.
    servicePorts: Object.fromEntries(SERVICE_NAMES.map((name) => [name, servicePort(name)])),
    processEnv,
    log: 'prefix',
    signal: starting.signal,
    // `pnpm dev`: from the TypeScript sources, each process restarting when a file it loaded changes.
    ...(process.argv.includes('--watch') ? { runtime: 'watch' as const } : {}),
  });
  const running = await platform;
  const origin = `http://127.0.0.1:${gatewayPort}`;
  say(`Backoffice is up in ${seconds()} s (dev mode)`);
  say(`  console:  ${origin}/console  (sign in: pick a name and the roles to try; admin sees everything)`);
  say(
    `  GraphQL:  ${origin}/graphql  (token: pnpm token --sub me --roles admin; GraphiQL at ${origin}/graphiql)`,
  );
  const died = await running.unexpectedExit;
  if (!shuttingDown) {
    process.stderr.write(`[start] ${died.name} stopped unexpectedly; shutting everything down\n`);
    await shutdown(1);
  }
} catch (err) {
  if (!shuttingDown) {
    process.stderr.write(`[start] ${(err as Error).message}\n`);
    await shutdown(1);
  }
}
