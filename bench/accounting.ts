/**
 * The books at scale (issue 4), through the accounting service as the graph calls it:
 *   (1) trialBalance(asOf) over 1,000,000 journal lines (250,000 balanced entries of 4 lines on 50
 *       accounts across 2025, 1 % of them pending approval): median and p95 of the GraphQL call;
 *       Side by side: the same trial balance summed from every line (how it was computed before the
 *       monthly and daily balances); and a date inside a month (its month's days, not only full months);
 *   (2) posting balanced entries from 16 concurrent clients for 10 s, 3 rounds: through the service layer
 *       (JournalService.post, group commit: concurrent postings share a transaction) side by side with
 *       two baselines, one transaction per posting (the service layer before group commit) and that with
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
 * Own databases and stream, dropped at the end.
 */
import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ServiceContext } from '@backoffice/kit';
import {
  callSubgraph,
  newTestRun,
  signedForRoute,
  startTestSubgraph,
  testIdentity,
} from '@backoffice/kit/test-harness';
import { accountingSubgraph } from '../services/accounting/src/accounting.subgraph.js';
import { accountName } from '../services/accounting/src/export/hledger.format.js';
import { TRIAL_BALANCE_FROM_EVERY_LINE } from '../services/accounting/test/support.js';
import { argNumber, hasFlag, median, percentile, printTable } from './lib/load.js';
import { writeResult } from './lib/report.js';

const SMOKE = hasFlag('smoke');
const ENTRIES = argNumber('entries', SMOKE ? 2_500 : 250_000);
const ACCOUNTS = 50;
const CALLS = argNumber('calls', SMOKE ? 3 : 10);
const CLIENTS = argNumber('clients', 16);
const DURATION = argNumber('duration', SMOKE ? 2 : 10);
const ROUNDS = argNumber('rounds', SMOKE ? 1 : 3);
const MID_MONTH = '2025-12-30';
/** Lines hledger reads: 0 means the whole year; by default a 100,000-line prefix of the year (see report). */
const HLEDGER_LINES = argNumber('hledger-lines', SMOKE ? 2_000 : 100_000);
const HLEDGER_RUNS = argNumber('hledger-runs', SMOKE ? 1 : 3);
const YEAR_END = '2025-12-31';
const asAccountant = testIdentity(['accountant'], { userId: 'bench-accountant' });

const TRIAL_BALANCE = `query($asOf: Date!) { trialBalance(asOf: $asOf) {
  asOf totalDebit totalCredit rows { accountCode accountName accountType debit credit balance } } }`;
const POST = `mutation($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { id number status } }`;

const ms = (x: number) => Math.round(x * 10) / 10;
const loadavg = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

const run = newTestRun();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-accounting-'));
try {
  const accounting = await startTestSubgraph(run, accountingSubgraph);
  const db = accounting.deps.db;

  // ---- Data, set-wise: 32 more accounts (50 with the standard chart), then entries and lines.
  let t = performance.now();
  await db.query(
    `INSERT INTO account (code, name, type)
     SELECT '6' || lpad(g::text, 3, '0'), 'Bench account ' || g,
            (ARRAY['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE'])[1 + g % 5]
       FROM generate_series(1, $1) g`,
    [ACCOUNTS - 18],
  );
  await db.transaction(async (em) => {
    // Triggers and foreign keys off for this transaction only; the data below balances per entry.
    await em.query('SET LOCAL session_replication_role = replica');
    // In slices of 25,000 entries: one statement per slice stays under the pool's query timeout.
    for (let lo = 1; lo <= ENTRIES; lo += 25_000) {
      const hi = Math.min(ENTRIES, lo + 24_999);
      await em.query(
        `INSERT INTO journal_entry (id, number, date, description, currency, total, status, source, author, posted_at)
         SELECT md5('bench' || g)::uuid,
                CASE WHEN g % 100 = 0 THEN NULL ELSE '2025-' || lpad(g::text, 6, '0') END,
                DATE '2025-01-01' + ((g - 1) * 365 / $1)::int,
                'Bench entry ' || g, 'EUR',
                (1 + (g * 7919) % 100000 / 100.0) + (1 + (g * 104729) % 50000 / 100.0),
                CASE WHEN g % 100 = 0 THEN 'PENDING_APPROVAL' ELSE 'POSTED' END,
                'MANUAL', 'bench-loader',
                CASE WHEN g % 100 = 0 THEN NULL ELSE now() END
           FROM generate_series($2::bigint, $3) g`,
        [ENTRIES, lo, hi],
      );
      // Lines 1-2 debit a and b, lines 3-4 credit a and b: every entry balances by construction.
      await em.query(
        `WITH chart AS (SELECT array_agg(code ORDER BY code) AS codes FROM account)
         INSERT INTO journal_line (entry_id, line_no, account_code, debit, credit, cost_center)
         SELECT md5('bench' || g)::uuid, k, chart.codes[(1 + (g * 31 + k * 17) % $1)::int],
                CASE k WHEN 1 THEN 1 + (g * 7919) % 100000 / 100.0 WHEN 2 THEN 1 + (g * 104729) % 50000 / 100.0 ELSE 0 END,
                CASE k WHEN 3 THEN 1 + (g * 7919) % 100000 / 100.0 WHEN 4 THEN 1 + (g * 104729) % 50000 / 100.0 ELSE 0 END,
                CASE WHEN k = 1 THEN 'CC-' || (g % 20) END
           FROM chart, generate_series($2::bigint, $3) g, generate_series(1, 4) k`,
        [ACCOUNTS, lo, hi],
      );
    }
    await em.query('INSERT INTO fiscal_year_counter (year, last_number) VALUES (2025, $1)', [ENTRIES]);
  });
  const loadMs = performance.now() - t;
  // The loader ran with triggers off: the monthly and daily balances come from the lines, as the migrations do.
  t = performance.now();
  await db.query('SELECT account_month_balance_rebuild()');
  const rebuildMs = performance.now() - t;
  await db.query('ANALYZE');
  const [check] = await db.query(
    `SELECT count(*)::int AS lines, count(DISTINCT account_code)::int AS accounts,
            (SELECT count(*)::int FROM (SELECT entry_id FROM journal_line GROUP BY entry_id
              HAVING sum(debit) <> sum(credit) OR count(*) < 2) x) AS unbalanced
       FROM journal_line`,
  );
  if (check.unbalanced !== 0) throw new Error(`${check.unbalanced} generated entries do not balance`);
  console.log(
    `loaded ${ENTRIES} entries / ${check.lines} lines on ${check.accounts} accounts in ${(loadMs / 1000).toFixed(1)} s ` +
      '(one INSERT ... SELECT per table, session_replication_role = replica; every entry checked balanced); ' +
      `monthly and daily balances rebuilt in ${(rebuildMs / 1000).toFixed(1)} s`,
  );

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
  t = performance.now();
  const res = await fetch(exportUrl, { headers: signed });
  if (!res.ok || !res.body) throw new Error(`export answered ${res.status}`);
  await pipeline(Readable.fromWeb(res.body as any), fs.createWriteStream(file));
  const exportMs = performance.now() - t;
  const exportMiB = fs.statSync(file).size / 1024 / 1024;
  console.log(
    `exported ${comparedLines} lines up to ${asOf} in ${(exportMs / 1000).toFixed(1)} s (${exportMiB.toFixed(1)} MiB)`,
  );

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
  for (let i = 0; i < HLEDGER_RUNS; i++) {
    const h = await hledger();
    hledgerTimes.push(h.ms);
    hledgerOut = h.out;
  }
  const oursPrefix = asOf === YEAR_END ? year : await timeTrialBalance(asOf);
  // Same answer both sides: every account's balance.
  const theirs = new Map<string, string>();
  for (const line of hledgerOut.trim().split('\n').slice(1)) {
    const [account, balance] = line.split('","').map((s) => s.replace(/"/g, ''));
    if (account !== 'total') theirs.set(account, balance.replace(/\s*EUR$/, ''));
  }
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
  const inputOf = (c: number, i: number, label: string) => {
    const a = (100 + ((c * 7919 + i * 31) % 90000)) / 100;
    const b = (100 + ((c * 104729 + i * 17) % 40000)) / 100;
    const pick = (k: number) => (c * 13 + i * 7 + k * 11) % ACCOUNTS;
    return {
      date: `2026-0${1 + ((c + i) % 9)}-15`,
      description: `Bench posting ${label} ${c}-${i}`,
      lines: [
        { accountCode: codes[pick(1)], debit: a.toFixed(2) },
        { accountCode: codes[pick(2)], debit: b.toFixed(2) },
        { accountCode: codes[pick(3)], credit: a.toFixed(2) },
        { accountCode: codes[pick(4)], credit: b.toFixed(2) },
      ],
    };
  };
  const ctx = { identity: asAccountant } as ServiceContext;
  const { journal, ledger } = accounting.services;
  /** Each posts one entry and answers its number (null: not posted). */
  const ways: Record<string, (c: number, i: number) => Promise<string | null>> = {
    // Where the counter lock was before: taken early (here first) and held to commit.
    numberFirst: async (c, i) => {
      const input = inputOf(c, i, 'number-first');
      const entry = await db.transaction(async (em) => {
        await em.query('SELECT last_number FROM fiscal_year_counter WHERE year = 2026 FOR UPDATE');
        return ledger.book(em, { ...input, source: 'MANUAL' }, 'bench-accountant', asAccountant);
      });
      return ledger.numberOf(db.manager, entry.id);
    },
    // The service layer before group commit: every posting its own transaction and commit.
    alone: async (c, i) => {
      const input = inputOf(c, i, 'alone');
      const entry = await db.transaction((em) =>
        ledger.book(em, { ...input, source: 'MANUAL' }, 'bench-accountant', asAccountant),
      );
      return ledger.numberOf(db.manager, entry.id);
    },
    serviceLayer: async (c, i) => (await journal.post(ctx, inputOf(c, i, 'service'))).number,
    graphql: async (c, i) => {
      const r = await callSubgraph(accounting.url, POST, { input: inputOf(c, i, 'graphql') }, asAccountant);
      return r.errors ? null : (r.data?.postJournalEntry?.number ?? null);
    },
  };
  interface PostingRun {
    posted: number;
    failed: number;
    seconds: number;
    perSec: number;
    p50: number;
    p95: number;
    waits: Record<string, number>;
    errors: Record<string, number>;
  }
  const postFor = async (way: keyof typeof ways): Promise<PostingRun> => {
    let posted = 0;
    let failed = 0;
    const latencies: number[] = [];
    const errors: Record<string, number> = {};
    const waits = new Map<string, number>();
    let samples = 0;
    const sampler = setInterval(async () => {
      // What the posting sessions are waiting on (Lock:transactionid = a row lock held until commit).
      const rows = await db
        .query(
          `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS w, count(*)::int AS n
             FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()
            GROUP BY 1`,
        )
        .catch(() => []);
      samples++;
      for (const r of rows) waits.set(r.w, (waits.get(r.w) ?? 0) + r.n);
    }, 100);
    const deadline = performance.now() + DURATION * 1000;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        for (let i = 0; performance.now() < deadline; i++) {
          const s = performance.now();
          const number = await ways[way](c, i).catch((e: Error) => {
            errors[e.message] = (errors[e.message] ?? 0) + 1;
            return null;
          });
          latencies.push(performance.now() - s);
          if (number) posted++;
          else failed++;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    latencies.sort((x, y) => x - y);
    return {
      posted,
      failed,
      seconds,
      perSec: posted / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      waits: Object.fromEntries(
        [...waits.entries()]
          .sort((x, y) => y[1] - x[1])
          .map(([w, n]) => [w, Math.round((n / Math.max(1, samples)) * 10) / 10]),
      ),
      errors,
    };
  };
  const postingRuns: Record<string, PostingRun[]> = {
    numberFirst: [],
    alone: [],
    serviceLayer: [],
    graphql: [],
  };
  for (let round = 1; round <= ROUNDS; round++)
    for (const way of ['numberFirst', 'alone', 'serviceLayer', 'graphql'] as const) {
      const r = await postFor(way);
      postingRuns[way].push(r);
      const waits = Object.entries(r.waits)
        .map(([w, n]) => `${w} ${n}`)
        .join(', ');
      console.log(
        `round ${round} ${way}: ${r.posted} entries in ${r.seconds.toFixed(1)} s with ${CLIENTS} clients: ` +
          `${Math.round(r.perSec)}/s (p50 ${ms(r.p50)} ms, p95 ${ms(r.p95)} ms), ${r.failed} failed; ` +
          `active sessions by wait: ${waits}`,
      );
      for (const [message, n] of Object.entries(r.errors)) console.log(`  ${n} x ${message}`);
    }
  const rate = (way: string) => median(postingRuns[way].map((r) => r.perSec));
  const posted = Object.values(postingRuns)
    .flat()
    .reduce((n, r) => n + r.posted, 0);
  const after = await trialBalance('2026-12-31');
  const [numbers] = await db.query(
    `SELECT count(*)::int AS n, max(substr(number, 6)::int) AS max FROM journal_entry WHERE date >= '2026-01-01'`,
  );
  const balances = after.totalDebit === after.totalCredit;
  // Entries that committed together share their transaction id (xmin).
  const [{ perCommit }] = await db.query(
    `SELECT round(count(*)::numeric / greatest(1, count(DISTINCT xmin::text)), 1)::float AS "perCommit"
       FROM journal_entry WHERE description LIKE 'Bench posting service %'`,
  );
  const gapless = numbers.n === numbers.max && numbers.n === before + posted;
  if (!balances || !gapless)
    throw new Error(`after posting: balanced ${balances}, gapless ${gapless} (${JSON.stringify(numbers)})`);
  console.log(
    `posting medians of ${ROUNDS}: number-first baseline ${Math.round(rate('numberFirst'))}/s, one transaction ` +
      `per posting ${Math.round(rate('alone'))}/s, service layer (group commit, ${perCommit} entries per commit) ` +
      `${Math.round(rate('serviceLayer'))}/s, GraphQL ${Math.round(rate('graphql'))}/s; ${posted} entries in all; ` +
      `trial balance ${after.totalDebit} = ${after.totalCredit}, numbers gapless`,
  );

  // ---- Report.
  console.log('');
  const median95 = (way: string) => median(postingRuns[way].map((r) => r.p95));
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
    {
      measure: `posting, service layer, ${CLIENTS} clients, ${DURATION} s x ${ROUNDS}`,
      median: `${Math.round(rate('serviceLayer'))} entries/s`,
      p95: `${ms(median95('serviceLayer'))} ms per call`,
      aim: '> 1,000 entries/s',
    },
    {
      measure: '  side by side: one transaction per posting (before group commit)',
      median: `${Math.round(rate('alone'))} entries/s`,
      p95: `${ms(median95('alone'))} ms per call`,
      aim: '',
    },
    {
      measure: '  side by side: counter locked from the start (before)',
      median: `${Math.round(rate('numberFirst'))} entries/s`,
      p95: `${ms(median95('numberFirst'))} ms per call`,
      aim: '',
    },
    {
      measure: `postJournalEntry through GraphQL, ${CLIENTS} clients`,
      median: `${Math.round(rate('graphql'))} entries/s`,
      p95: `${ms(median95('graphql'))} ms per call`,
      aim: '',
    },
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
      medianPerSec: {
        numberFirstBaseline: Math.round(rate('numberFirst')),
        oneTransactionPerPosting: Math.round(rate('alone')),
        serviceLayer: Math.round(rate('serviceLayer')),
        graphql: Math.round(rate('graphql')),
      },
      runs: Object.fromEntries(
        Object.entries(postingRuns).map(([way, runs]) => [
          way,
          runs.map((r) => ({
            posted: r.posted,
            failed: r.failed,
            seconds: Math.round(r.seconds * 10) / 10,
            perSec: Math.round(r.perSec),
            p50Ms: ms(r.p50),
            p95Ms: ms(r.p95),
            averageActiveSessionsByWait: r.waits,
          })),
        ]),
      ),
      serviceLayerEntriesPerCommit: perCommit,
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
} finally {
  await run.cleanup();
  fs.rmSync(tmp, { recursive: true, force: true });
}

function hledgerVersion(): string {
  try {
    return /hledger ([\d.]+)/.exec(execFileSync('hledger', ['--version'], { encoding: 'utf8' }))?.[1] ?? '?';
  } catch {
    return '?';
  }
}
