import type { RunningSubgraph } from '@backoffice/kit';
import {
  type AccountingServices,
  BALANCE_BY_COST_CENTER_FROM_EVERY_LINE,
} from '@backoffice/testkit/services/accounting';
import { median } from './load.js';

const ms = (x: number) => Math.round(x * 10) / 10;

/**
 * balanceByCostCenter over `from`..`to`, `calls` times each, alternating: the service (the cost-center
 * and account balances) side by side with summing every line of the range (before); the two must agree
 * row for row.
 */
export async function costCenterSideBySide(
  accounting: RunningSubgraph<AccountingServices>,
  from: string,
  to: string,
  calls: number,
) {
  const db = accounting.deps.db;
  const everyLine = () => db.query(BALANCE_BY_COST_CENTER_FROM_EVERY_LINE, [from, to]);
  const balances = () => accounting.services.reports.balanceByCostCenter(from, to);
  await balances(); // warm-up: plan cache, buffers
  await everyLine();
  const times = { balances: [] as number[], everyLine: [] as number[] };
  let ours: Awaited<ReturnType<typeof balances>> = [];
  let theirs: any[] = [];
  for (let i = 0; i < calls; i++) {
    let s = performance.now();
    ours = await balances();
    times.balances.push(performance.now() - s);
    s = performance.now();
    theirs = await everyLine();
    times.everyLine.push(performance.now() - s);
  }
  const same =
    JSON.stringify(ours.map((r) => [r.costCenter, r.accountCode, r.debit, r.credit, r.balance])) ===
    JSON.stringify(theirs.map((r) => [r.cost_center, r.code, r.debit, r.credit, r.balance]));
  if (!same) throw new Error('balanceByCostCenter: the balance tables and every line disagree');
  const result = {
    from,
    to,
    rows: ours.length,
    balancesMedianMs: ms(median(times.balances)),
    everyLineMedianMs: ms(median(times.everyLine)),
    balancesMs: times.balances.map(ms),
    everyLineMs: times.everyLine.map(ms),
  };
  console.log(
    `balanceByCostCenter(${from}..${to}) SQL side by side (${calls} each, alternating): balance tables median ` +
      `${result.balancesMedianMs} ms, every line median ${result.everyLineMedianMs} ms; same ${ours.length} rows`,
  );
  const rows = [
    {
      measure: `balanceByCostCenter(${from}..${to}), ${ours.length} rows: balance tables`,
      median: `${result.balancesMedianMs} ms`,
      p95: '',
      aim: '',
    },
    {
      measure: '  side by side: every line of the range (before)',
      median: `${result.everyLineMedianMs} ms`,
      p95: '',
      aim: '',
    },
  ];
  return { result, rows };
}
