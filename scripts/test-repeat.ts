import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './lib/repo.js';

/**
 * Finds flaky tests: `pnpm test:repeat [N] [--only reliability|main]` runs the reliability suite N
 * times (default 10) and the main suite 3 times, each run from scratch, and reports every test that
 * failed at least once with its first failure. Exits 1 if any did, so it can gate a change too.
 */

interface Failure {
  suite: string;
  test: string;
  runs: number[];
  message: string;
}

interface JsonReport {
  numTotalTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const repeats = Number(args.find((a) => /^\d+$/.test(a)) ?? 10);
const suites = [
  { name: 'reliability', config: 'test/reliability/vitest.config.ts', runs: repeats },
  { name: 'main', config: 'vitest.config.ts', runs: 3 },
].filter((s) => !only || s.name === only);

const failures = new Map<string, Failure>();
const summary: string[] = [];
const dir = mkdtempSync(path.join(tmpdir(), 'test-repeat-'));

function record(suite: string, test: string, run: number, message: string) {
  const key = `${suite}\u0000${test}`;
  const known = failures.get(key);
  if (known) known.runs.push(run);
  else failures.set(key, { suite, test, runs: [run], message: message.split('\n').slice(0, 6).join('\n') });
}

for (const suite of suites) {
  for (let run = 1; run <= suite.runs; run++) {
    const out = path.join(dir, `${suite.name}-${run}.json`);
    const started = Date.now();
    const child = spawnSync(
      'pnpm',
      [
        'exec',
        'vitest',
        'run',
        '--config',
        suite.config,
        '--reporter=dot',
        '--reporter=json',
        `--outputFile.json=${out}`,
      ],
      { cwd: REPO_ROOT, stdio: ['ignore', 'inherit', 'inherit'], env: process.env },
    );
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    let report: JsonReport | undefined;
    try {
      report = JSON.parse(readFileSync(out, 'utf8')) as JsonReport;
    } catch {
      record(suite.name, '(the run itself)', run, `vitest exited ${child.status} without a report`);
    }
    let failed = 0;
    for (const file of report?.testResults ?? []) {
      const relative = path.relative(REPO_ROOT, file.name);
      const failedTests = file.assertionResults.filter((t) => t.status === 'failed');
      for (const t of failedTests) {
        failed++;
        record(suite.name, `${relative} > ${t.fullName}`, run, t.failureMessages.join('\n'));
      }
      // A failing hook or an import error fails the file with no failed test of its own.
      if (file.status === 'failed' && failedTests.length === 0) {
        failed++;
        record(suite.name, `${relative} (file)`, run, file.message ?? 'failed');
      }
    }
    const line = `${suite.name} run ${run}/${suite.runs}: ${report?.numTotalTests ?? '?'} tests, ${failed} failed, exit ${child.status}, ${seconds} s`;
    summary.push(line);
    console.log(`\n[test:repeat] ${line}\n`);
  }
}
rmSync(dir, { recursive: true, force: true });

console.log(`\n[test:repeat] ${new Date().toISOString()}`);
for (const line of summary) console.log(`  ${line}`);
if (failures.size === 0) {
  console.log('[test:repeat] no test failed in any run');
} else {
  console.log(`[test:repeat] ${failures.size} test(s) failed at least once:`);
  for (const f of failures.values()) {
    console.log(
      `\n- [${f.suite}] ${f.test}\n  failed in run(s) ${f.runs.join(', ')}\n  ${f.message.replace(/\n/g, '\n  ')}`,
    );
  }
  process.exitCode = 1;
}
