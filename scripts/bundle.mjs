#!/usr/bin/env node
// `pnpm bundle [--out dir] [process...]`: what each process's runtime image holds, made the way
// infra/Dockerfile makes it (the Dockerfile runs this script: one recipe). For each process (hr,
// accounting, documents, compliance, it, gateway; all six by default) `<out>/<process>/` holds:
//   package.json, dist/     the package's compiled code (its "files"), compiled first as build:dist does
//   node_modules/           its production dependencies only, at the lockfile's versions, with the
//                           workspace libraries it uses copied in (their dist/, not their sources)
//   infra/healthcheck.mjs   the container's health probe
//   console/                the gateway only: the console's production build (CONSOLE_DIST)
// and runs, with nothing else around it, as infra/Dockerfile's CMD: `node --conditions=compiled ... dist/main.js`.
//
// Plain JavaScript, like build.mjs: the image's build stage runs it with node alone.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CONSOLE_DIST = path.join(ROOT, 'apps', 'console', 'dist');

/** Each process the platform deploys, and the workspace package it runs. */
export const PROCESSES = {
  hr: 'services/hr',
  accounting: 'services/accounting',
  documents: 'services/documents',
  compliance: 'services/compliance',
  it: 'services/it',
  catalog: 'services/catalog',
  gateway: 'gateway',
};

/** Runs a command in the repository root; its output is shown only when it fails. */
function run(command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited ${code}:\n${Buffer.concat(output)}`));
    });
  });
}

/** Bytes and files under a folder; symbolic links (pnpm's node_modules has many) count once, as links. */
function footprint(dir) {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      const inner = footprint(child);
      bytes += inner.bytes;
      files += inner.files;
    } else if (entry.isFile()) {
      bytes += statSync(child).size;
      files++;
    }
  }
  return { bytes, files };
}

/**
 * One process's bundle. pnpm 10 deploys from the workspace lockfile only when workspace packages are
 * injected (copied, not linked): set for this command alone, so developers' installs keep linking
 * libs/ and the lockfile is read, not rewritten. `--legacy` would re-resolve every range against the
 * registry instead, and an image could carry versions no test ran.
 */
async function bundleOne(name, out) {
  const dir = path.join(out, name);
  rmSync(dir, { recursive: true, force: true });
  const pkg = JSON.parse(readFileSync(path.join(ROOT, PROCESSES[name], 'package.json'), 'utf8'));
  await run('pnpm', [
    '--config.inject-workspace-packages=true',
    `--filter=${pkg.name}`,
    'deploy',
    '--prod',
    '--prefer-offline',
    dir,
  ]);
  // The deploy's own lockfile lists every workspace package's dev tools; the bundle installs nothing.
  rmSync(path.join(dir, 'pnpm-lock.yaml'), { force: true });
  mkdirSync(path.join(dir, 'infra'));
  cpSync(path.join(ROOT, 'infra', 'healthcheck.mjs'), path.join(dir, 'infra', 'healthcheck.mjs'));
  if (name === 'gateway') cpSync(CONSOLE_DIST, path.join(dir, 'console'), { recursive: true });
  return { name, ...footprint(dir) };
}

export async function bundle({ out, processes = Object.keys(PROCESSES), log = () => {} }) {
  const unknown = processes.filter((name) => !(name in PROCESSES));
  if (unknown.length > 0)
    throw new Error(`unknown process ${unknown.join(', ')}: one of ${Object.keys(PROCESSES).join(', ')}`);
  await buildAll({ log });
  if (processes.includes('gateway') && !existsSync(path.join(CONSOLE_DIST, 'index.html'))) {
    log('building the console');
    // Vite takes NODE_ENV from its caller (a test runner's is `test`): React's development build otherwise.
    await run('pnpm', ['--filter=@backoffice/console', 'build'], { ...process.env, NODE_ENV: 'production' });
  }
  mkdirSync(out, { recursive: true });
  // Two deploys at a time: each is mostly file copies, and more only queue on a small machine's disk.
  const queue = [...processes];
  const made = [];
  const worker = async () => {
    for (let name = queue.shift(); name; name = queue.shift()) {
      const result = await bundleOne(name, out);
      log(`${name}: ${(result.bytes / 2 ** 20).toFixed(1)} MiB in ${result.files} files`);
      made.push(result);
    }
  };
  await Promise.all([worker(), worker()]);
  return made;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  // Outside the repository by default: node must not find the workspace's node_modules above a bundle.
  let out = path.join(tmpdir(), 'backoffice-bundle');
  const outAt = args.indexOf('--out');
  if (outAt >= 0) out = path.resolve(args.splice(outAt, 2)[1] || '');
  const started = performance.now();
  try {
    if (outAt >= 0 && out === process.cwd()) throw new Error('--out needs a folder other than this one');
    await bundle({
      out,
      processes: args.length > 0 ? args : undefined,
      log: (line) => process.stdout.write(`[bundle] ${line}\n`),
    });
  } catch (error) {
    process.stderr.write(`[bundle] ${error.message}\n`);
    process.exit(1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stdout.write(`[bundle] ${out} in ${seconds} s\n`);
}
