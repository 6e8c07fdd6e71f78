/**
 * Security cases: many small checks, each named, run with a bounded number in flight, tallied for the
 * final `security cases: tried N, passed N` line.
 */
export interface SecurityCase {
  name: string;
  run(): Promise<void>;
}

export const tally = { tried: 0, passed: 0, failures: [] as string[] };

/** Runs the cases `concurrency` at a time; returns the failures of this batch (also kept in the tally). */
export async function runCases(cases: SecurityCase[], concurrency = 6): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const current = cases[next++];
      tally.tried++;
      try {
        await current.run();
        tally.passed++;
      } catch (error) {
        const line = `${current.name}: ${(error as Error).message}`;
        failures.push(line);
        tally.failures.push(line);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, cases.length) }, worker));
  return failures;
}

export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/** SQL text, driver errors or stack frames that must never reach a client. */
export const LEAK =
  /\b(select\s+[\w*"]+.*\bfrom|insert\s+into|update\s+\w+\s+set|delete\s+from)\b|syntax error at or near|relation "|violates [\w ]*constraint|duplicate key value|QueryFailedError|pg_catalog|invalid input syntax for|\bat \S+ \(\S+:\d+:\d+\)|ECONNREFUSED|node_modules/i;
