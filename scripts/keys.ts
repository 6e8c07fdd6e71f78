import { chmodSync, existsSync, mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  generateSigningKey,
  PRINCIPALS,
  type Principal,
  parseTrustedKeys,
  privateKeyFrom,
  rawPublicKey,
} from '@backoffice/kit';

/**
 * Ed25519 keys per principal (the gateway and each service): `pnpm keys:generate` prints a fresh set
 * for operators; `pnpm start` keeps one under `.data/keys` across runs (ensureKeys).
 */

const USAGE = `usage: pnpm keys:generate [--only PRINCIPAL[,PRINCIPAL...]] [--trusted FILE] [--json]
  Prints a new Ed25519 signing key per principal (${PRINCIPALS.join(', ')}): each goes into that
  process's SIGNING_KEY secret and nowhere else; their public keys make TRUSTED_KEYS, which every
  process gets.
  --only     new keys for these principals only (a rotation)
  --trusted  the TRUSTED_KEYS in use: the new public keys are added after the current ones, so every
             process accepts both while the new secrets roll out (docs/operations.md, "Keys")
  --json     one JSON object { signingKeys: {principal: key}, trustedKeys: {...} }`;

export interface KeySet {
  /** principal -> its private key (base64url seed): SIGNING_KEY for that process only. */
  signingKeys: Partial<Record<Principal, string>>;
  /** principal -> its public keys: TRUSTED_KEYS for every process. */
  trustedKeys: Record<string, string[]>;
}

/** New keys for `principals`; the public keys are appended to `current` (a rotation) or stand alone. */
export function generateKeySet(
  principals: readonly Principal[] = PRINCIPALS,
  current: Record<string, string[]> = {},
): KeySet {
  const signingKeys: KeySet['signingKeys'] = {};
  const trustedKeys: Record<string, string[]> = Object.fromEntries(
    Object.entries(current).map(([p, keys]) => [p, [...keys]]),
  );
  for (const principal of principals) {
    const { signingKey, publicKey } = generateSigningKey();
    signingKeys[principal] = signingKey;
    trustedKeys[principal] = [...(trustedKeys[principal] ?? []), publicKey];
  }
  return { signingKeys, trustedKeys };
}

export interface KeyFiles {
  /** principal -> the file holding its private key (SIGNING_KEY_FILE). */
  signingKeyFiles: Record<Principal, string>;
  /** Every principal's public key (TRUSTED_KEYS_FILE). */
  trustedKeysFile: string;
}

/**
 * A key per principal under `dir`, generated on first use and kept after, so restarts keep trusting
 * what was signed before; TRUSTED_KEYS is rewritten from them each time. Private keys are owner-only.
 */
export function ensureKeys(dir: string): KeyFiles {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const signingKeyFiles = {} as Record<Principal, string>;
  const trusted: Record<string, string[]> = {};
  for (const principal of PRINCIPALS) {
    const file = path.join(dir, `${principal}.key`);
    if (!existsSync(file)) writeFileSync(file, `${generateSigningKey().signingKey}\n`, { mode: 0o600 });
    chmodSync(file, 0o600);
    signingKeyFiles[principal] = file;
    trusted[principal] = [rawPublicKey(privateKeyFrom(readFileSync(file, 'utf8'), file))];
  }
  const trustedKeysFile = path.join(dir, 'trusted-keys.json');
  writeFileSync(trustedKeysFile, `${JSON.stringify(trusted, null, 2)}\n`);
  return { signingKeyFiles, trustedKeysFile };
}

/** The environment that makes a process sign as `principal` and trust the others' public keys. */
export function keyEnv(files: KeyFiles, principal: Principal): Record<string, string> {
  return { SIGNING_KEY_FILE: files.signingKeyFiles[principal], TRUSTED_KEYS_FILE: files.trustedKeysFile };
}

export function formatKeySet(set: KeySet): string {
  const lines = ["# Each SIGNING_KEY goes into that process's own Secret, and nowhere else."];
  for (const [principal, key] of Object.entries(set.signingKeys))
    lines.push(`${principal}: SIGNING_KEY=${key}`);
  lines.push('', '# TRUSTED_KEYS for every process (the gateway and all services): public, not secret.');
  lines.push(`TRUSTED_KEYS=${JSON.stringify(set.trustedKeys)}`);
  return `${lines.join('\n')}\n`;
}

export function main(argv: string[]): number {
  let values: { only?: string; trusted?: string; json?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        only: { type: 'string' },
        trusted: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const principals = values.only ? values.only.split(',').map((p) => p.trim()) : [...PRINCIPALS];
  const unknown = principals.filter((p) => !(PRINCIPALS as readonly string[]).includes(p));
  if (unknown.length > 0) {
    process.stderr.write(`unknown principal ${unknown.join(', ')}; one of ${PRINCIPALS.join(', ')}\n`);
    return 2;
  }
  let current: Record<string, string[]> = {};
  if (values.trusted) {
    try {
      current = Object.fromEntries(parseTrustedKeys(readFileSync(values.trusted, 'utf8')));
    } catch (err) {
      process.stderr.write(`--trusted ${values.trusted}: ${(err as Error).message}\n`);
      return 2;
    }
  }
  const set = generateKeySet(principals, current);
  process.stdout.write(values.json ? `${JSON.stringify(set, null, 2)}\n` : formatKeySet(set));
  return 0;
}

// Run only as a command, so tests can import the functions without side effects.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
