import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { formatTable, readResults } from './ledger.js';

declare module 'vitest' {
  export interface ProvidedContext {
    reliabilityResults: string;
  }
}

/** Gives every scenario file one results file, and prints the table of all of them at the end. */
export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(tmpdir(), 'reliability-results-'));
  const file = path.join(dir, 'scenarios.jsonl');
  project.provide('reliabilityResults', file);
  return () => {
    const rows = readResults(file);
    if (rows.length > 0)
      console.log(`\nReliability scenarios (lost and duplicated must be 0):\n${formatTable(rows)}\n`);
    rmSync(dir, { recursive: true, force: true });
  };
}
