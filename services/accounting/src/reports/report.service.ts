import { badInput, connection, decodeCursor, isValidDate, notFound, pageSize } from '@backoffice/kit';
import type { DataSource } from 'typeorm';

/** Only what is in the books counts: pending and rejected entries never do. */
const IN_BOOKS = `e.status IN ('POSTED', 'REVERSED')`;

export interface TrialBalanceRow {
  accountCode: string;
  accountName: string;
  accountType: string;
  debit: string;
  credit: string;
  balance: string;
}

/** An account's page of the general ledger as `generalLedger` returns it: the GraphQL GeneralLedger (codegen.ts). */
export type GeneralLedgerPage = Awaited<ReturnType<ReportService['generalLedger']>>;

/**
 * Debit and credit per account of everything in the books up to and including `date` (SQL): the months
 * before the date's month from the monthly balances, and the days of its month up to the date from the
 * daily ones, both kept by the posting commit. The same figures as summing every line (a test holds them
 * to it), from at most a few rows per account and month; one row per account with any movement.
 */
const balancesAsOf = (date: string) => `
  SELECT account_code, sum(debit) AS debit, sum(credit) AS credit
    FROM (
      SELECT account_code, debit, credit FROM account_month_balance
       WHERE month < date_trunc('month', ${date})::date
      UNION ALL
      SELECT account_code, debit, credit FROM account_day_balance
       WHERE day >= date_trunc('month', ${date})::date AND day <= ${date}
    ) moves
   GROUP BY account_code`;

const BALANCES_AS_OF = balancesAsOf('$1::date');

/**
 * Debit and credit per account of what was posted from `$1` to `$2`: the balances as of `$2` less those
 * as of the day before `$1`. Debits and credits are positive, so an account has a row with either one
 * non-zero exactly when it has a line in the range.
 */
const BALANCES_BETWEEN = `
  SELECT account_code, sum(debit) AS debit, sum(credit) AS credit
    FROM (
      SELECT account_code, debit, credit FROM (${balancesAsOf('$2::date')}) upto
      UNION ALL
      SELECT account_code, -debit, -credit FROM (${balancesAsOf('($1::date - 1)')}) before
    ) moves
   GROUP BY account_code
  HAVING sum(debit) <> 0 OR sum(credit) <> 0`;

/** One account's debit and credit in the books up to and including `date`, from the balance tables. */
const accountBalanceAsOf = (date: string) => `
  SELECT coalesce(sum(debit), 0) AS debit, coalesce(sum(credit), 0) AS credit
    FROM (
      SELECT debit, credit FROM account_month_balance
       WHERE account_code = $1 AND month < date_trunc('month', ${date})::date
      UNION ALL
      SELECT debit, credit FROM account_day_balance
       WHERE account_code = $1 AND day >= date_trunc('month', ${date})::date AND day <= ${date}
    ) moves`;

/**
 * A general ledger page's opening and closing balance and the range's debit and credit (account `$1`,
 * from `$2` to `$3`): from the monthly and daily balances, not every line the account ever had (which
 * grew with the books' age); only the count of the range's lines, for the page's total, reads lines.
 */
const GENERAL_LEDGER_SUMMARY = `
  WITH o AS (${accountBalanceAsOf('($2::date - 1)')}), c AS (${accountBalanceAsOf('$3::date')})
  SELECT (o.debit - o.credit)::numeric(18, 2) AS opening,
         (c.debit - c.credit)::numeric(18, 2) AS closing,
         (c.debit - o.debit)::numeric(18, 2) AS debit,
         (c.credit - o.credit)::numeric(18, 2) AS credit,
         (SELECT count(*)::int FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
           WHERE l.account_code = $1 AND ${IN_BOOKS} AND e.date BETWEEN $2 AND $3) AS n
    FROM o, c`;

/**
 * What a pair of balance tables holds from `$1` to `$2`: the range's whole months from the monthly
 * table, the days of its partial months from the daily one (each row of the pair: its `keys`, debit,
 * credit). Only the range's own rows are read, however old the books.
 */
const inRange = (keys: string, months: string, days: string) => `
  SELECT ${keys}, debit, credit FROM ${months}
   WHERE month >= $1::date AND (month + interval '1 month')::date <= $2::date + 1
  UNION ALL
  SELECT ${keys}, debit, credit FROM ${days}
   WHERE day BETWEEN $1::date AND $2::date
     AND NOT (date_trunc('month', day) >= $1::date
              AND (date_trunc('month', day) + interval '1 month')::date <= $2::date + 1)`;

/**
 * Debit and credit per cost center and account posted from `$1` to `$2`, from the balance tables: the
 * cost-center balances hold only lines with a cost center, so the lines without one are the account's
 * balance less its cost centers'. Debits and credits are positive, so a row with either non-zero is
 * exactly a cost center and account with a line in the range (what grouping the lines gave).
 */
const BALANCE_BY_COST_CENTER = `
  WITH centers AS (
    SELECT cost_center, account_code, sum(debit) AS debit, sum(credit) AS credit
      FROM (${inRange('cost_center, account_code', 'cost_center_month_balance', 'cost_center_day_balance')}) m
     GROUP BY 1, 2
  ), accounts AS (
    SELECT account_code, sum(debit) AS debit, sum(credit) AS credit
      FROM (${inRange('account_code', 'account_month_balance', 'account_day_balance')}) m
     GROUP BY 1
  ), without AS (
    SELECT NULL::text AS cost_center, a.account_code,
           a.debit - coalesce(c.debit, 0) AS debit, a.credit - coalesce(c.credit, 0) AS credit
      FROM accounts a
      LEFT JOIN (SELECT account_code, sum(debit) AS debit, sum(credit) AS credit FROM centers GROUP BY 1) c
        USING (account_code)
  )
  SELECT t.cost_center, a.code, a.name, a.type,
         t.debit::numeric(18, 2) AS debit, t.credit::numeric(18, 2) AS credit,
         (t.debit - t.credit)::numeric(18, 2) AS balance
    FROM (SELECT * FROM centers UNION ALL SELECT * FROM without) t
    JOIN account a ON a.code = t.account_code
   WHERE t.debit <> 0 OR t.credit <> 0
   ORDER BY t.cost_center NULLS LAST, a.code`;

function checkRange(from: string, to: string): void {
  if (from > to) throw badInput('from must not be after to', 'from');
}

/**
 * The reports accountants and analysts read, computed by Postgres over the posted lines (numeric, exact).
 * Balances are debit minus credit unless a report says otherwise.
 */
export class ReportService {
  constructor(private readonly db: DataSource) {}

  async trialBalance(asOf: string) {
    const rows: any[] = await this.db.query(
      `WITH totals AS (${BALANCES_AS_OF})
       SELECT a.code, a.name, a.type,
              coalesce(t.debit, 0)::numeric(18, 2) AS debit,
              coalesce(t.credit, 0)::numeric(18, 2) AS credit,
              coalesce(t.debit - t.credit, 0)::numeric(18, 2) AS balance,
              sum(coalesce(t.debit, 0)) OVER ()::numeric(18, 2) AS total_debit,
              sum(coalesce(t.credit, 0)) OVER ()::numeric(18, 2) AS total_credit
         FROM account a
         LEFT JOIN totals t ON t.account_code = a.code
        WHERE a.active OR coalesce(t.debit, 0) + coalesce(t.credit, 0) > 0
        ORDER BY a.code`,
      [asOf],
    );
    return {
      asOf,
      rows: rows.map(
        (r): TrialBalanceRow => ({
          accountCode: r.code,
          accountName: r.name,
          accountType: r.type,
          debit: r.debit,
          credit: r.credit,
          balance: r.balance,
        }),
      ),
      totalDebit: rows[0]?.total_debit ?? '0.00',
      totalCredit: rows[0]?.total_credit ?? '0.00',
    };
  }

  /** An account's lines in a date range with the running balance from the opening balance on `from`. */
  async generalLedger(args: {
    accountCode: string;
    from: string;
    to: string;
    first?: number | null;
    after?: string | null;
  }) {
    checkRange(args.from, args.to);
    const first = pageSize(args.first);
    const code = args.accountCode.trim().toUpperCase();
    const [account] = await this.db.query('SELECT code, name, type FROM account WHERE code = $1', [code]);
    if (!account) throw Object.assign(notFound('Account', code), { field: 'accountCode' });
    const after = decodeCursor(args.after, 3);
    if (after && (typeof after[0] !== 'string' || !isValidDate(after[0])))
      throw badInput('after is not a cursor this list gave out', 'after');
    const [summary] = await this.db.query(GENERAL_LEDGER_SUMMARY, [code, args.from, args.to]);
    const rows: any[] = await this.db.query(
      `WITH moves AS (
         SELECT e.id AS entry_id, e.number, e.date, e.seq, e.description, l.line_no, l.debit, l.credit,
                l.cost_center, l.description AS line_description,
                ($4::numeric + sum(l.debit - l.credit) OVER (ORDER BY e.date, e.seq, l.line_no))::numeric(18, 2)
                  AS running_balance
           FROM journal_line l JOIN journal_entry e ON e.id = l.entry_id
          WHERE l.account_code = $1 AND ${IN_BOOKS} AND e.date BETWEEN $2 AND $3)
       SELECT * FROM moves
        WHERE $5::date IS NULL OR (date, seq, line_no) > ($5::date, $6::bigint, $7::int)
        ORDER BY date, seq, line_no
        LIMIT $8`,
      [
        code,
        args.from,
        args.to,
        summary.opening,
        after?.[0] ?? null,
        after ? String(after[1]) : null,
        after ? Number(after[2]) : null,
        first + 1,
      ],
    );
    const lines = rows.map((r) => ({
      entryId: r.entry_id,
      number: r.number,
      date: r.date,
      seq: r.seq,
      lineNo: r.line_no,
      description: r.line_description ?? r.description,
      debit: r.debit,
      credit: r.credit,
      costCenter: r.cost_center,
      runningBalance: r.running_balance,
    }));
    return {
      accountCode: account.code,
      accountName: account.name,
      from: args.from,
      to: args.to,
      openingBalance: summary.opening,
      closingBalance: summary.closing,
      totalDebit: summary.debit,
      totalCredit: summary.credit,
      ...connection(lines, first, summary.n, (l) => [l.date, l.seq, l.lineNo], args.after),
    };
  }

  /** Per cost center (null: lines without one) and account, what was posted in the range. */
  async balanceByCostCenter(from: string, to: string) {
    checkRange(from, to);
    const rows: any[] = await this.db.query(BALANCE_BY_COST_CENTER, [from, to]);
    return rows.map((r) => ({
      costCenter: r.cost_center,
      accountCode: r.code,
      accountName: r.name,
      accountType: r.type,
      debit: r.debit,
      credit: r.credit,
      balance: r.balance,
    }));
  }

  /** Revenue as credit minus debit, expenses as debit minus credit; net income is their difference. */
  async profitAndLoss(from: string, to: string) {
    checkRange(from, to);
    const rows: any[] = await this.db.query(
      `WITH totals AS (${BALANCES_BETWEEN})
       SELECT a.code, a.name, a.type,
              (CASE WHEN a.type = 'REVENUE' THEN t.credit - t.debit ELSE t.debit - t.credit END)::numeric(18, 2)
                AS amount
         FROM totals t
         JOIN account a ON a.code = t.account_code
        WHERE a.type IN ('REVENUE', 'EXPENSE')
        ORDER BY a.code`,
      [from, to],
    );
    const [totals] = await this.db.query(
      `WITH totals AS (${BALANCES_BETWEEN})
       SELECT coalesce(sum(t.credit - t.debit) FILTER (WHERE a.type = 'REVENUE'), 0)::numeric(18, 2) AS revenue,
              coalesce(sum(t.debit - t.credit) FILTER (WHERE a.type = 'EXPENSE'), 0)::numeric(18, 2) AS expense,
              coalesce(sum(t.credit - t.debit), 0)::numeric(18, 2) AS net
         FROM totals t
         JOIN account a ON a.code = t.account_code
        WHERE a.type IN ('REVENUE', 'EXPENSE')`,
      [from, to],
    );
    const row = (r: any) => ({ accountCode: r.code, accountName: r.name, amount: r.amount });
    return {
      from,
      to,
      revenue: rows.filter((r) => r.type === 'REVENUE').map(row),
      expenses: rows.filter((r) => r.type === 'EXPENSE').map(row),
      totalRevenue: totals.revenue,
      totalExpenses: totals.expense,
      netIncome: totals.net,
    };
  }

  /**
   * Assets as debit balances, liabilities and equity as credit balances; the result not yet closed into
   * equity (revenue minus expenses to date) is shown as its own equity line, so the sheet balances.
   */
  async balanceSheet(asOf: string) {
    const rows: any[] = await this.db.query(
      `WITH totals AS (${BALANCES_AS_OF})
       SELECT a.code, a.name, a.type,
              (CASE WHEN a.type = 'ASSET' THEN t.debit - t.credit ELSE t.credit - t.debit END)::numeric(18, 2)
                AS amount
         FROM totals t
         JOIN account a ON a.code = t.account_code
        WHERE a.type IN ('ASSET', 'LIABILITY', 'EQUITY')
        ORDER BY a.code`,
      [asOf],
    );
    const [t] = await this.db.query(
      `WITH totals AS (${BALANCES_AS_OF})
       SELECT coalesce(sum(t.debit - t.credit) FILTER (WHERE a.type = 'ASSET'), 0)::numeric(18, 2) AS assets,
              coalesce(sum(t.credit - t.debit) FILTER (WHERE a.type = 'LIABILITY'), 0)::numeric(18, 2) AS liabilities,
              coalesce(sum(t.credit - t.debit) FILTER (WHERE a.type = 'EQUITY'), 0)::numeric(18, 2) AS equity,
              coalesce(sum(t.credit - t.debit) FILTER (WHERE a.type IN ('REVENUE', 'EXPENSE')), 0)::numeric(18, 2) AS result
         FROM totals t
         JOIN account a ON a.code = t.account_code`,
      [asOf],
    );
    const [check] = await this.db.query(
      `SELECT $1::numeric = $2::numeric + $3::numeric + $4::numeric AS balanced,
              ($3::numeric + $4::numeric)::numeric(18, 2) AS total_equity,
              ($2::numeric + $3::numeric + $4::numeric)::numeric(18, 2) AS total_liabilities_and_equity`,
      [t.assets, t.liabilities, t.equity, t.result],
    );
    const row = (r: any) => ({ accountCode: r.code, accountName: r.name, amount: r.amount });
    return {
      asOf,
      assets: rows.filter((r) => r.type === 'ASSET').map(row),
      liabilities: rows.filter((r) => r.type === 'LIABILITY').map(row),
      equity: rows.filter((r) => r.type === 'EQUITY').map(row),
      currentResult: t.result,
      totalAssets: t.assets,
      totalLiabilities: t.liabilities,
      totalEquity: check.total_equity,
      totalLiabilitiesAndEquity: check.total_liabilities_and_equity,
      balanced: check.balanced,
    };
  }
}
