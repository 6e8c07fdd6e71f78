/**
 * Every load harness for a few seconds (1 repetition, tiny durations), so CI can keep them working:
 *   pnpm bench:smoke
 * Runs each harness as its own process, one after the other, and fails if any fails or does not end
 * with its headline line. The figures are meaningless at this length; bench/out/*-smoke.json.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const tsx = pathToFileURL(require.resolve('tsx')).href;
const harnesses: [name: string, args: string[]][] = [
  ['gateway', ['--smoke', '--duration', '1', '--employees', '5']],
  ['events', ['--smoke', '--duration', '1']],
  ['payroll', ['--employees', '200', '--runs', '1']],
  ['accounting', ['--smoke']],
  ['documents', ['--smoke']],
  ['compliance', ['--smoke']],
  ['it', ['--smoke']],
  ['request-path', ['--smoke']],
];

let failed = 0;
for (const [name, args] of harnesses) {
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    ['--import', tsx, new URL(`./${name}.ts`, import.meta.url).pathname, ...args],
    {
      encoding: 'utf8',
      timeout: 600_000,
    },
  );
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  const headline = out
    .trim()
    .split('\n')
    .filter((l) => l.startsWith('ratio: '))
    .at(-1);
  const ok = r.status === 0 && headline !== undefined && !/=NaN$/.test(headline);
  console.log(
    `${ok ? 'ok  ' : 'FAIL'} ${name} in ${Math.round((Date.now() - started) / 1000)} s: ${headline ?? '(no headline)'}`,
  );
  if (!ok) {
    failed++;
    console.log(out.split('\n').slice(-30).join('\n'));
  }
}
console.log(`ratio: smoke_failures=${failed}`);
process.exit(failed ? 1 : 0);
