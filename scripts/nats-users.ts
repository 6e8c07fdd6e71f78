import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { GENERATED, PRODUCTION_SCOPE, renderAuthorization } from './lib/bus-permissions.js';
import { REPO_ROOT } from './lib/repo.js';

/**
 * `pnpm nats:users [--check]`: writes the users and permissions of scripts/lib/bus-permissions.ts
 * into the committed server configs: infra/nats/users.conf (included by nats.conf) and the
 * `backoffice-users.conf` the Helm values mount. Passwords stay `$NATS_PASSWORD_<USER>` variables,
 * filled from Secrets when the server starts. `--check` only says whether they are up to date.
 */

export const USERS_CONF = path.join(REPO_ROOT, 'infra', 'nats', 'users.conf');
export const HELM_VALUES = path.join(REPO_ROOT, 'infra', 'k8s', 'nats-values.yaml');
/** Where the Helm values keep the file: the chart mounts configMap data beside nats.conf. */
export const HELM_USERS_PATH = ['configMap', 'merge', 'data', 'backoffice-users.conf'];

export function committedUsersConf(): string {
  return GENERATED + renderAuthorization(PRODUCTION_SCOPE, 'env');
}

/** The files that differ from what bus-permissions.ts says, rewritten unless `check`. */
export function syncCommittedUsers(check: boolean): string[] {
  const want = committedUsersConf();
  const stale: string[] = [];
  if (readFileSync(USERS_CONF, 'utf8') !== want) {
    stale.push(USERS_CONF);
    if (!check) writeFileSync(USERS_CONF, want);
  }
  const values = parseDocument(readFileSync(HELM_VALUES, 'utf8'));
  if (values.getIn(HELM_USERS_PATH) !== want) {
    stale.push(HELM_VALUES);
    if (!check) {
      values.setIn(HELM_USERS_PATH, want);
      writeFileSync(HELM_VALUES, values.toString({ lineWidth: 0 }));
    }
  }
  return stale;
}

if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const stale = syncCommittedUsers(check);
  for (const file of stale)
    process.stdout.write(`${check ? 'out of date' : 'rewrote'}: ${path.relative(REPO_ROOT, file)}\n`);
  if (check && stale.length > 0) process.exitCode = 1;
}
