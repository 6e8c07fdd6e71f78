import { execFile, execFileSync } from 'node:child_process';

/** hledger's `balance` on `file`, `runs` times: each run's time, and every account's balance (EUR) of the last. */
export async function hledgerBalances(
  file: string,
  runs: number,
): Promise<{ times: number[]; balances: Map<string, string> }> {
  const hledger = (): Promise<{ ms: number; out: string }> =>
    new Promise((resolve, reject) => {
      const s = performance.now();
      execFile(
        'hledger',
        ['-f', file, 'balance', '--flat', '-O', 'csv'],
        { maxBuffer: 64 * 1024 * 1024, timeout: 600_000 },
        (err, stdout) => (err ? reject(err) : resolve({ ms: performance.now() - s, out: stdout })),
      );
    });
  const hledgerTimes: number[] = [];
  let hledgerOut = '';
  for (let i = 0; i < runs; i++) {
    const h = await hledger();
    hledgerTimes.push(h.ms);
    hledgerOut = h.out;
  }
  // Same answer both sides: every account's balance.
  const theirs = new Map<string, string>();
  for (const line of hledgerOut.trim().split('\n').slice(1)) {
    const [account, balance] = line.split('","').map((s) => s.replace(/"/g, ''));
    if (account !== 'total') theirs.set(account, balance.replace(/\s*EUR$/, ''));
  }
  return { times: hledgerTimes, balances: theirs };
}

export function hledgerVersion(): string {
  try {
    return /hledger ([\d.]+)/.exec(execFileSync('hledger', ['--version'], { encoding: 'utf8' }))?.[1] ?? '?';
  } catch {
    return '?';
  }
}
