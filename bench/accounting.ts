/**
 * The books at scale (issue 4), through the accounting service as the graph calls it:
 *   (1) trialBalance(asOf) over 1,000,000 journal lines (250,000 balanced entries of 4 lines on 50
 *       accounts across 2025, 1 % of them pending approval): median and p95 of the GraphQL call;
 *       Side by side: the same trial balance summed from every line (how it was computed before the
 *       monthly and daily balances); and a date inside a month (its month's days, not only full months);
 *   (2) posting balanced entries from 16 concurrent clients for 10 s, 3 rounds: through the service layer
 *       (JournalService.post, group commit: concurrent postings share a transaction, which enters the
 *       books set-wise at commit) side by side with the group commit entering each entry on its own
 *       (before the set-wise commit), and two baselines, one transaction per posting (the service layer before group commit) and that with
 *       the year's number counter locked from the start of the posting until commit (where the lock was
 *       before numbers were taken at commit), and through GraphQL (postJournalEntry); then the ledger must
 *       still balance and the 2026 numbers must be gapless;
 *   (3) the yardstick: hledger's `balance` on the same entries, exported through the service's own
 *       `GET /exports/journal` route, against our trialBalance on the same date range.
 *   pnpm bench:accounting [--entries 250000] [--calls 10] [--clients 16] [--duration 10] [--rounds 3]
 *                         [--hledger-lines 100000 | --hledger-lines 0 (whole year)] [--smoke]
 * Bulk load: one INSERT ... SELECT per table inside one transaction with session_replication_role =
 * replica, which switches the ledger's triggers (balance, immutability, open period, numbering, monthly
 * balances) and foreign keys off for that session only; every generated entry balances by construction
 * and the run checks it; the monthly and daily balances are then rebuilt from the lines (timed apart).
 * The load average is recorded at the start of each posting run. The last line is
 * `ratio: posting_vs_target=<service layer entries/s / 1,000>`: a rate, met at or above 1.
 * Own databases and stream, dropped at the end.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  callSubgraph,
  newTestRun,
  signedForRoute,
  startTestSubgraph,
  testIdentity,
} from '@backoffice/testkit';
import {
  accountingSubgraph,
  accountName,
  TRIAL_BALANCE_FROM_EVERY_LINE,
} from '@backoffice/testkit/services/accounting';
import { Agent } from 'undici';
import { loadBooks } from './lib/accounting-books.js';
import { costCenterSideBySide } from './lib/accounting-cost-centers.js';
import { hledgerBalances, hledgerVersion } from './lib/accounting-hledger.js';
import {
  type PostingRun,
  batchCommitSideBySide,
  entriesPerCommit,
  postingRun,
  postingWays,
} from './lib/accounting-posting.js';
import { postingReport } from './lib/accounting-posting-report.js';
import { argNumber, hasFlag, median, percentile, printTable } from './lib/load.js';
import { postgresCpuClock } from './lib/postgres-cpu.js';
import { writeResult } from './lib/report.js';

const SMOKE = hasFlag('smoke');
const ENTRIES = argNumber('entries', SMOKE ? 2_500 : 250_000);
const ACCOUNTS = 50;
const CALLS = argNumber('calls', SMOKE ? 3 : 10);
const CLIENTS = argNumber('clients', 16);
const DURATION = argNumber('duration', SMOKE ? 2 : 10);
const ROUNDS = argNumber('rounds', SMOKE ? 1 : 3);
const MID_MONTH = '2025-12-30';
const BATCH_TIMES = argNumber('batch-times', SMOKE ? 3 : 15);
/** Lines hledger reads: 0 means the whole year; by default a 100,000-line prefix of the year (see report). */
const HLEDGER_LINES = argNumber('hledger-lines', SMOKE ? 2_000 : 100_000);
const HLEDGER_RUNS = argNumber('hledger-runs', SMOKE ? 1 : 3);
const YEAR_END = '2025-12-31';
const asAccountant = testIdentity(['accountant'], { userId: 'bench-accountant' });

const TRIAL_BALANCE = `query($asOf: Date!) { trialBalance(asOf: $asOf) {
  asOf totalDebit totalCredit rows { accountCode accountName accountType debit credit balance } } }`;

const ms = (x: number) => Math.round(x * 10) / 10;
const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

const run = newTestRun();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-accounting-'));
try {
  const accounting = await startTestSubgraph(run, accountingSubgraph);
  const db = accounting.deps.db;

  const { loadMs, rebuildMs, check } = await loadBooks(db, ENTRIES, ACCOUNTS);

  // ---- (1) trialBalance over the whole year.
  const trialBalance = async (asOf: string) => {
    const r = await callSubgraph(accounting.url, TRIAL_BALANCE, { asOf }, asAccountant);
    if (r.errors) throw new Error(JSON.stringify(r.errors));
    return r.data.trialBalance;
  };
  const timeTrialBalance = async (asOf: string) => {
    await trialBalance(asOf); // warm-up: plan cache, buffers
    const times: number[] = [];
    let last: any;
    for (let i = 0; i < CALLS; i++) {
      const s = performance.now();
      last = await trialBalance(asOf);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    return { times, median: median(times), p95: percentile(times, 95), result: last };
  };
  const year = await timeTrialBalance(YEAR_END);
  if (year.result.totalDebit !== year.result.totalCredit) throw new Error('trial balance does not balance');
  console.log(`trialBalance(${YEAR_END}): median ${ms(year.median)} ms, p95 ${ms(year.p95)} ms`);
  const midMonth = await timeTrialBalance(MID_MONTH);
  console.log(`trialBalance(${MID_MONTH}): median ${ms(midMonth.median)} ms, p95 ${ms(midMonth.p95)} ms`);

  // Side by side, SQL only: the monthly balances (the service's query) against summing every line.
  const everyLine = (asOf: string) => db.query(TRIAL_BALANCE_FROM_EVERY_LINE, [asOf]);
  const sideBySide = { monthly: [] as number[], midMonth: [] as number[], everyLine: [] as number[] };
  let reference: any[] = [];
  let monthlyResult: any;
  for (let i = 0; i < CALLS; i++) {
    let s = performance.now();
    monthlyResult = await accounting.services.reports.trialBalance(YEAR_END);
    sideBySide.monthly.push(performance.now() - s);
    s = performance.now();
    await accounting.services.reports.trialBalance(MID_MONTH);
    sideBySide.midMonth.push(performance.now() - s);
    s = performance.now();
    reference = await everyLine(YEAR_END);
    sideBySide.everyLine.push(performance.now() - s);
  }
  const same =
    JSON.stringify(reference.map((r) => [r.code, r.debit, r.credit, r.balance])) ===
    JSON.stringify(monthlyResult.rows.map((r: any) => [r.accountCode, r.debit, r.credit, r.balance]));
  if (!same) throw new Error('the monthly balances and every line disagree');
  console.log(
    `trial balance SQL side by side (${CALLS} each, alternating): monthly balances median ${ms(median(sideBySide.monthly))} ms, ` +
      `every line median ${ms(median(sideBySide.everyLine))} ms; same figures; ${MID_MONTH} median ${ms(median(sideBySide.midMonth))} ms`,
  );

  // balanceByCostCenter over the year: the cost-center balances against summing the range's lines.
  const costCenters = await costCenterSideBySide(accounting, '2025-01-01', YEAR_END, CALLS);

  // ---- (3) hledger on the same entries, exported through the service's route.
  const [{ lines: inBooksLines }] = await db.query(
    `SELECT count(*)::int AS lines FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
      WHERE e.status IN ('POSTED', 'REVERSED') AND e.date <= $1`,
    [YEAR_END],
  );
  let asOf = YEAR_END;
  if (HLEDGER_LINES > 0 && HLEDGER_LINES < inBooksLines) {
    // The first date by which HLEDGER_LINES lines are in the books: a prefix of the year, same rows both sides.
    const [row] = await db.query(
      `SELECT to_char(date, 'YYYY-MM-DD') AS date FROM (
         SELECT e.date, sum(count(*)) OVER (ORDER BY e.date) AS lines
           FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
          WHERE e.status IN ('POSTED', 'REVERSED') GROUP BY e.date) d
        WHERE lines >= $1 ORDER BY date LIMIT 1`,
      [HLEDGER_LINES],
    );
    asOf = row.date;
  }
  const [{ lines: comparedLines }] = await db.query(
    `SELECT count(*)::int AS lines FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
      WHERE e.status IN ('POSTED', 'REVERSED') AND e.date <= $1`,
    [asOf],
  );
  const exportUrl = `http://127.0.0.1:${accounting.port}/exports/journal?from=2025-01-01&to=${asOf}`;
  const signed = await signedForRoute(exportUrl, asAccountant);
  const file = path.join(tmp, 'books.journal');
  const t = performance.now();
  const res = await fetch(exportUrl, { headers: signed });
  if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as any), fs.createWriteStream(file));
  const exportMs = performance.now() - t;
  const exportMiB = fs.statSync(file).size / 1024 / 1024;
  console.log(
    `exported ${comparedLines} lines up to ${asOf} in ${(exportMs / 1000).toFixed(1)} s (${exportMiB.toFixed(1)} MiB)`,
  );

  const { times: hledgerTimes, balances: theirs } = await hledgerBalances(file, HLEDGER_RUNS);
  const oursPrefix = asOf === YEAR_END ? year : await timeTrialBalance(asOf);
  const mismatches = oursPrefix.result.rows.filter((r: any) => {
    const h = theirs.get(accountName(r.accountType, r.accountName)) ?? '0';
    return Number(r.balance) !== 0 && Number(h) !== Number(r.balance);
  });
  if (mismatches.length > 0 || theirs.size === 0)
    throw new Error(`hledger disagrees on ${mismatches.length} of ${theirs.size} accounts`);
  const hledgerMs = median(hledgerTimes);
  console.log(
    `hledger balance on ${comparedLines} lines: median ${ms(hledgerMs)} ms; ours median ${ms(oursPrefix.median)} ms; ` +
      `all ${theirs.size} account balances agree`,
  );

  // ---- (2) posting throughput: CLIENTS concurrent clients for DURATION s, ROUNDS rounds.
  const [{ before }] = await db.query(
    `SELECT count(*)::int AS before FROM journal_entry WHERE date >= '2026-01-01'`,
  );
  const codes: string[] = (await db.query('SELECT code FROM account ORDER BY code')).map((r: any) => r.code);
  await db.query(
    'INSERT INTO fiscal_year_counter (year, last_number) VALUES (2026, 0) ON CONFLICT DO NOTHING',
  );
  // The GraphQL clients' connections, as the gateway keeps them (one keep-alive pool to the subgraph).
  const agent = new Agent({ connections: CLIENTS, keepAliveTimeout: 30_000 });
  const ways = postingWays(accounting, codes, ACCOUNTS, asAccountant, agent);
  const postgresCpu = await postgresCpuClock(db);
  const postFor = (way: keyof typeof ways) => postingRun(db, ways[way], CLIENTS, DURATION, postgresCpu);
  const WAYS = ['numberFirst', 'alone', 'groupPerEntry', 'arrival', 'serviceLayer', 'graphql'] as const;
  const postingLoads: Record<string, number[]> = Object.fromEntries(WAYS.map((w) => [w, []]));
  const postingRuns: Record<string, PostingRun[]> = Object.fromEntries(WAYS.map((w) => [w, []]));
  for (let round = 1; round <= ROUNDS; round++)
    for (const way of WAYS) {
      const load = loadavg();
      const r = await postFor(way);
      postingRuns[way].push(r);
      postingLoads[way].push(load[0]);
      const waits = Object.entries(r.waits)
        .map(([w, n]) => `${w} ${n}`)
        .join(', ');
      console.log(
        `round ${round} ${way}: ${r.posted} entries in ${r.seconds.toFixed(1)} s with ${CLIENTS} clients: ` +
          `${Math.round(r.perSec)}/s (p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms), ${r.failed} failed; load ${load[0]}; ` +
          `CPU per entry: node ${r.nodeCpuUs} µs, postgres ${r.postgresCpuUs ?? '?'} µs; ` +
          `active sessions by wait: ${waits}`,
      );
      for (const [message, n] of Object.entries(r.errors)) console.log(`  ${n} x ${message}`);
    }
  await agent.close();
  // The database's share of a group commit, one client, nothing else in the way (64 entries a batch).
  const batchLoad = loadavg();
  const batches = await batchCommitSideBySide(accounting, codes, 64, BATCH_TIMES, asAccountant);
  const batchMs = (xs: { writeMs: number; commitMs: number }[], k: 'writeMs' | 'commitMs') =>
    ms(median(xs.map((x) => x[k])));
  console.log(
    `one batch of 64 entries, ${BATCH_TIMES} each alternating (load ${batchLoad[0]}): set-wise write ` +
      `${batchMs(batches.setWise, 'writeMs')} ms + commit ${batchMs(batches.setWise, 'commitMs')} ms; each entry on ` +
      `its own: write ${batchMs(batches.each, 'writeMs')} ms + commit ${batchMs(batches.each, 'commitMs')} ms (medians)`,
  );
  const rate = (way: string) => median(postingRuns[way].map((r) => r.perSec));
  const posted = Object.values(postingRuns)
    .flat()
    .reduce((n, r) => n + r.posted, 0);
  const after = await trialBalance('2026-12-31');
  const [numbers] = await db.query(
    `SELECT count(*)::int AS n, max(substr(number, 6)::int) AS max FROM journal_entry WHERE date >= '2026-01-01'`,
  );
  const balances = after.totalDebit === after.totalCredit;
  const perCommit = await entriesPerCommit(db, 'service');
  const perCommitOnArrival = await entriesPerCommit(db, 'on-arrival');
  const gapless = numbers.n === numbers.max && numbers.n === before + posted + batches.entries;
  if (!balances || !gapless)
    throw new Error(`after posting: balanced ${balances}, gapless ${gapless} (${JSON.stringify(numbers)})`);
  console.log(
    `posting medians of ${ROUNDS}: number-first baseline ${Math.round(rate('numberFirst'))}/s, one transaction ` +
      `per posting ${Math.round(rate('alone'))}/s, group commit entering the books per entry ` +
      `${Math.round(rate('groupPerEntry'))}/s, next batch on arrival (before, ${perCommitOnArrival} entries per commit) ` +
      `${Math.round(rate('arrival'))}/s, service layer (set-wise, ${perCommit} entries per commit) ` +
      `${Math.round(rate('serviceLayer'))}/s, GraphQL ${Math.round(rate('graphql'))}/s; ${posted} entries in all; ` +
      `trial balance ${after.totalDebit} = ${after.totalCredit}, numbers gapless`,
  );

  // ---- Report.
  console.log('');
  const report = postingReport({
    runs: postingRuns,
    batches,
    clients: CLIENTS,
    duration: DURATION,
    rounds: ROUNDS,
  });
  printTable([
    {
      measure: `trialBalance(${YEAR_END}) over ${check.lines} lines`,
      median: `${ms(year.median)} ms`,
      p95: `${ms(year.p95)} ms`,
      aim: '< 300 ms',
    },
    {
      measure: `trialBalance(${MID_MONTH}): 11 months + its month's days`,
      median: `${ms(midMonth.median)} ms`,
      p95: `${ms(midMonth.p95)} ms`,
      aim: '< 300 ms',
    },
    {
      measure: `  SQL side by side: monthly balances (${YEAR_END})`,
      median: `${ms(median(sideBySide.monthly))} ms`,
      p95: '',
      aim: '',
    },
    {
      measure: `  SQL: monthly and daily balances (${MID_MONTH})`,
      median: `${ms(median(sideBySide.midMonth))} ms`,
      p95: '',
      aim: '',
    },
    {
      measure: '  SQL side by side: every line (before)',
      median: `${ms(median(sideBySide.everyLine))} ms`,
      p95: '',
      aim: '',
    },
    {
      measure: `trialBalance(${asOf}) over the ${comparedLines} lines hledger reads`,
      median: `${ms(oursPrefix.median)} ms`,
      p95: `${ms(oursPrefix.p95)} ms`,
      aim: '',
    },
    {
      measure: `hledger ${hledgerVersion()} balance, same ${comparedLines} lines (${HLEDGER_RUNS} runs)`,
      median: `${ms(hledgerMs)} ms`,
      p95: `${ms(Math.max(...hledgerTimes))} ms (max)`,
      aim: '',
    },
    {
      measure: `GET /exports/journal, ${comparedLines} lines (${exportMiB.toFixed(1)} MiB)`,
      median: `${ms(exportMs)} ms (once)`,
      p95: '',
      aim: '',
    },
    ...costCenters.rows,
    ...report.rows,
  ]);
  writeResult(SMOKE ? 'accounting-smoke' : 'accounting', {
    entries: ENTRIES,
    lines: check.lines,
    accounts: check.accounts,
    bulkLoad: {
      ms: Math.round(loadMs),
      method: 'INSERT ... SELECT, session_replication_role = replica',
      monthlyBalancesRebuildMs: Math.round(rebuildMs),
    },
    trialBalanceYear: {
      asOf: YEAR_END,
      medianMs: ms(year.median),
      p95Ms: ms(year.p95),
      runsMs: year.times.map(ms),
    },
    trialBalanceMidMonth: {
      asOf: MID_MONTH,
      medianMs: ms(midMonth.median),
      p95Ms: ms(midMonth.p95),
      runsMs: midMonth.times.map(ms),
    },
    trialBalanceSqlSideBySide: {
      asOf: YEAR_END,
      monthlyBalancesMs: sideBySide.monthly.map(ms),
      everyLineMs: sideBySide.everyLine.map(ms),
      monthlyBalancesMedianMs: ms(median(sideBySide.monthly)),
      midMonthMs: sideBySide.midMonth.map(ms),
      midMonthMedianMs: ms(median(sideBySide.midMonth)),
      everyLineMedianMs: ms(median(sideBySide.everyLine)),
    },
    balanceByCostCenter: costCenters.result,
    hledger: {
      version: hledgerVersion(),
      asOf,
      lines: comparedLines,
      subset: asOf !== YEAR_END,
      runsMs: hledgerTimes.map(ms),
      medianMs: ms(hledgerMs),
      oursMedianMs: ms(oursPrefix.median),
      oursP95Ms: ms(oursPrefix.p95),
      exportMs: Math.round(exportMs),
      exportMiB: Math.round(exportMiB * 10) / 10,
      accountsCompared: theirs.size,
    },
    posting: {
      clients: CLIENTS,
      secondsPerRun: DURATION,
      rounds: ROUNDS,
      ...report.json,
      loadAtStart: postingLoads,
      serviceLayerEntriesPerCommit: perCommit,
      onArrivalEntriesPerCommit: perCommitOnArrival,
      batchOf64Loadavg: batchLoad,
      balancedAfter: balances,
      gaplessAfter: gapless,
    },
    loadavg: loadavg(),
  });
  console.log(
    `ratio: trial_balance_every_line_vs_monthly=${(median(sideBySide.everyLine) / median(sideBySide.monthly)).toFixed(2)}`,
  );
  console.log(`ratio: posting_vs_number_first=${(rate('serviceLayer') / rate('numberFirst')).toFixed(2)}`);
  console.log(`ratio: trial_balance_vs_hledger=${(hledgerMs / oursPrefix.median).toFixed(2)}`);
  console.log(`ratio: posting_group_commit_vs_alone=${(rate('serviceLayer') / rate('alone')).toFixed(2)}`);
  console.log(
    `ratio: batch_commit_per_entry_vs_set_wise=${(median(batches.each.map((x) => x.commitMs)) / median(batches.setWise.map((x) => x.commitMs))).toFixed(2)}`,
  );
  const ratio = (name: string, x: number) => console.log(`ratio: ${name}=${x.toFixed(2)}`);
  const cc = costCenters.result;
  ratio('posting_next_batch_after_commit_vs_on_arrival', rate('serviceLayer') / rate('arrival'));
  ratio('cost_center_every_line_vs_balances', cc.everyLineMedianMs / cc.balancesMedianMs);
  console.log(
    `ratio: posting_set_wise_vs_per_entry=${(rate('serviceLayer') / rate('groupPerEntry')).toFixed(2)}`,
  );
  // Rates: measured / target >= 1 is met (service layer 1,000/s, GraphQL 500/s).
  console.log(`ratio: posting_graphql_vs_target=${(rate('graphql') / 500).toFixed(2)}`);
  console.log(`ratio: posting_vs_target=${(rate('serviceLayer') / 1000).toFixed(2)}`);
} finally {
  await run.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
}
