#!/usr/bin/env node
// `pnpm build:dist`: compiles every package that runs as a process (the kit, the event contracts, the
// testkit's platform launcher, the five services, the gateway, the scripts `pnpm start` runs) from
// `src/**/*.ts` to `dist/**/*.js`, file by file, the layout kept, so every path a module takes from
// `import.meta` (its SDL, rule packs, the extraction worker, the repository root) means the same in
// `dist/` as in `src/`. The `.graphql` and `.json` files beside the code are copied over.
//
// Plain JavaScript on purpose: the build is the one step that must run before anything is compiled.
// esbuild only strips types (it reads the same tsconfig as tsx and the tests, so decorators and class
// fields compile as they run in development); `pnpm build` is what type-checks. Incremental: a file is
// compiled again only when its source is newer than its output, and outputs whose source is gone are
// removed. Workspace packages resolve to `dist/` under the `compiled` export condition
// (`node --conditions=compiled`), to their TypeScript sources otherwise.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each compiled unit: where its sources are and where their JavaScript goes. */
export const UNITS = [
  'libs/kit',
  'libs/events',
  'libs/testkit',
  'services/accounting',
  'services/compliance',
  'services/documents',
  'services/hr',
  'services/it',
  'services/catalog',
  'gateway',
]
  .map((dir) => ({ src: path.join(ROOT, dir, 'src'), out: path.join(ROOT, dir, 'dist') }))
  .concat([{ src: path.join(ROOT, 'scripts'), out: path.join(ROOT, 'scripts', 'dist') }]);

const SKIPPED_DIRS = new Set([
  'dist',
  'node_modules',
  'test',
  'test-fixtures',
  '__tests__',
  'generated-tests',
]);
const isTest = (name) => /\.(test|spec|bench)\.ts$/.test(name) || name.endsWith('.d.ts');
const isAsset = (name) => name.endsWith('.graphql') || name.endsWith('.json');

/** Relative paths of the unit's sources (TypeScript and assets), tests and build output left out. */
function sources(dir, rel = '') {
  const found = [];
  for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const child = path.join(rel, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...sources(dir, child));
    } else if ((entry.name.endsWith('.ts') && !isTest(entry.name)) || isAsset(entry.name)) {
      found.push(child);
    }
  }
  return found;
}

const outputName = (rel) => (rel.endsWith('.ts') ? rel.replace(/\.ts$/, '.js') : rel);
const mtime = (file) => (existsSync(file) ? statSync(file).mtimeMs : -1);

/** Output files (and their source maps) that no longer have a source. */
function removeOrphans(unit, expected) {
  if (!existsSync(unit.out)) return 0;
  let removed = 0;
  for (const rel of readdirSync(unit.out, { recursive: true, encoding: 'utf8' })) {
    const file = path.join(unit.out, rel);
    if (statSync(file).isDirectory()) continue;
    const base = rel.endsWith('.js.map') ? rel.slice(0, -'.map'.length) : rel;
    if (!expected.has(base)) {
      rmSync(file);
      removed++;
    }
  }
  return removed;
}

export async function buildAll({ force = false, log = () => {} } = {}) {
  const started = performance.now();
  let compiled = 0;
  let copied = 0;
  let removed = 0;
  for (const unit of UNITS) {
    const rels = sources(unit.src);
    const expected = new Set(rels.map(outputName));
    removed += removeOrphans(unit, expected);
    const stale = rels.filter(
      (rel) => force || mtime(path.join(unit.src, rel)) > mtime(path.join(unit.out, outputName(rel))),
    );
    const code = stale.filter((rel) => rel.endsWith('.ts'));
    for (const rel of stale.filter(isAsset)) {
      mkdirSync(path.dirname(path.join(unit.out, rel)), { recursive: true });
      copyFileSync(path.join(unit.src, rel), path.join(unit.out, rel));
      copied++;
    }
    if (code.length === 0) continue;
    await build({
      entryPoints: code.map((rel) => path.join(unit.src, rel)),
      outdir: unit.out,
      outbase: unit.src,
      bundle: false,
      format: 'esm',
      platform: 'node',
      target: 'node22',
      sourcemap: 'linked',
      sourcesContent: false,
      logLevel: 'warning',
    });
    compiled += code.length;
  }
  const ms = Math.round(performance.now() - started);
  log(`compiled ${compiled} files, copied ${copied} assets, removed ${removed} stale outputs in ${ms} ms`);
  return { compiled, copied, removed };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  if (process.argv.includes('--clean'))
    for (const unit of UNITS) rmSync(unit.out, { recursive: true, force: true });
  await buildAll({ force, log: (line) => process.stdout.write(`[build] ${line}\n`) });
}
