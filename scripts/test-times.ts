import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './lib/repo.js';

/**
 * What the suite costs, printed by CI after `pnpm test` so growth is seen: each suite's wall-clock
 * time and test count, and the ten slowest tests and files across them. Reads the JSON reports the
 * vitest configs write to `.test-results/`.
 */

interface JsonReport {
  numTotalTests: number;
  numFailedTests: number;
  startTime: number;
  testResults: {
    name: string;
    startTime: number;
    endTime: number;
    assertionResults: { fullName: string; duration?: number | null; status: string }[];
  }[];
}

const suites = ['main', 'reliability'];
const tests: { name: string; ms: number }[] = [];
const files: { name: string; ms: number }[] = [];
let totalSeconds = 0;

for (const suite of suites) {
  const file = path.join(REPO_ROOT, '.test-results', `${suite}.json`);
  if (!existsSync(file)) {
    console.log(`[test-times] ${suite}: no report (the suite did not run)`);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  const end = Math.max(report.startTime, ...report.testResults.map((f) => f.endTime));
  const seconds = (end - report.startTime) / 1000;
  totalSeconds += seconds;
  console.log(
    `[test-times] ${suite}: ${report.numTotalTests} tests in ${report.testResults.length} files, ` +
      `${report.numFailedTests} failed, ${seconds.toFixed(0)} s wall clock`,
  );
  for (const f of report.testResults) {
    const relative = path.relative(REPO_ROOT, f.name);
    files.push({ name: relative, ms: f.endTime - f.startTime });
    for (const t of f.assertionResults)
      tests.push({ name: `${relative} > ${t.fullName}`, ms: t.duration ?? 0 });
  }
}

const top = (rows: { name: string; ms: number }[]) =>
  rows
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 10)
    .map((r) => `  ${(r.ms / 1000).toFixed(1).padStart(6)} s  ${r.name}`)
    .join('\n');
console.log(`[test-times] the ten slowest tests:\n${top(tests)}`);
console.log(`[test-times] the ten slowest files (setup included):\n${top(files)}`);
console.log(`[test-times] total: ${totalSeconds.toFixed(0)} s of vitest wall clock`);
