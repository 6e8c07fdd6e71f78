import type { RunningSubgraph } from '@backoffice/kit';

type Database = RunningSubgraph<unknown>['deps']['db'];

/**
 * The books the accounting bench measures, loaded set-wise: `accounts` accounts in all (the standard
 * chart and more), `entries` balanced entries of 4 lines across 2025 (1 % pending approval), with the
 * ledger's triggers and foreign keys off for the loading transaction only; every entry is checked
 * balanced, and the monthly and daily balances are rebuilt from the lines as the migrations do.
 */
export async function loadBooks(db: Database, entries: number, accounts: number) {
  // ---- Data, set-wise: 32 more accounts (50 with the standard chart), then entries and lines.
  let t = performance.now();
  await db.query(
    `INSERT INTO account (code, name, type)
     SELECT '6' || lpad(g::text, 3, '0'), 'Bench account ' || g,
            (ARRAY['ASSET', 'LIABILITY', 'EQUITY', 'REVENUE', 'EXPENSE'])[1 + g % 5]
       FROM generate_series(1, $1) g`,
    [accounts - 18],
  );
  await db.transaction(async (em) => {
    // Triggers and foreign keys off for this transaction only; the data below balances per entry.
    await em.query('SET LOCAL session_replication_role = replica');
    // In slices of 25,000 entries: one statement per slice stays under the pool's query timeout.
    for (let lo = 1; lo <= entries; lo += 25_000) {
      const hi = Math.min(entries, lo + 24_999);
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
        [entries, lo, hi],
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
        [accounts, lo, hi],
      );
    }
    await em.query('INSERT INTO fiscal_year_counter (year, last_number) VALUES (2025, $1)', [entries]);
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
    `loaded ${entries} entries / ${check.lines} lines on ${check.accounts} accounts in ${(loadMs / 1000).toFixed(1)} s ` +
      '(one INSERT ... SELECT per table, session_replication_role = replica; every entry checked balanced); ' +
      `monthly and daily balances rebuilt in ${(rebuildMs / 1000).toFixed(1)} s`,
  );
  return { loadMs, rebuildMs, check };
}
