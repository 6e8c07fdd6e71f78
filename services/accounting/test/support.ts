import type { RunningSubgraph } from '@backoffice/kit';
import { callSubgraph, testIdentity } from '@backoffice/testkit';
import { expect } from 'vitest';
import type { AccountingServices } from '../src/services.js';

export const asAccountant = testIdentity(['accountant'], { userId: 'user-accountant' });
export const asController = testIdentity(['controller'], { userId: 'user-controller' });
export const asAnalyst = testIdentity(['analyst'], { userId: 'user-analyst' });
export const asHr = testIdentity(['hr'], { userId: 'user-hr' });

export const ENTRY_FIELDS =
  'id number date description status total reference lines { accountCode debit credit costCenter } reversalOf { id number }';

export const POST = /* GraphQL */ `
  mutation Post($input: PostJournalEntryInput!) { postJournalEntry(input: $input) { ${ENTRY_FIELDS} } }`;

export function line(accountCode: string, debit: string | null, credit: string | null, costCenter?: string) {
  return { accountCode, debit, credit, costCenter };
}

/** Calls the subgraph and fails the test on any error. */
export async function ok<T = any>(
  running: RunningSubgraph<AccountingServices>,
  query: string,
  variables: Record<string, unknown> = {},
  identity = asAccountant,
): Promise<T> {
  const r = await callSubgraph(running.url, query, variables, identity);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data as T;
}

export async function post(
  running: RunningSubgraph<AccountingServices>,
  date: string,
  lines: ReturnType<typeof line>[],
  description = 'Test entry',
  identity = asAccountant,
) {
  return (await ok(running, POST, { input: { date, description, lines } }, identity)).postJournalEntry;
}

export async function trialBalance(running: RunningSubgraph<AccountingServices>, asOf: string) {
  return (
    await ok(
      running,
      'query($d: Date!) { trialBalance(asOf: $d) { totalDebit totalCredit rows { accountCode accountName debit credit balance } } }',
      { d: asOf },
      asAnalyst,
    )
  ).trialBalance;
}

/**
 * The trial balance as of $1 the way it was computed before the monthly and daily balances: every
 * line up to the date. The oracle the balance tables are tested against, and the bench's baseline.
 */
export const TRIAL_BALANCE_FROM_EVERY_LINE = `SELECT a.code, coalesce(sum(l.debit), 0)::numeric(18, 2) AS debit,
          coalesce(sum(l.credit), 0)::numeric(18, 2) AS credit,
          coalesce(sum(l.debit - l.credit), 0)::numeric(18, 2) AS balance
     FROM account a
     LEFT JOIN (journal_line l JOIN journal_entry e
                  ON e.id = l.entry_id AND e.status IN ('POSTED', 'REVERSED') AND e.date <= $1)
       ON l.account_code = a.code
    GROUP BY a.code
   HAVING a.active OR coalesce(sum(l.debit), 0) + coalesce(sum(l.credit), 0) > 0
    ORDER BY a.code`;

/**
 * balanceByCostCenter from $1 to $2 the way it was computed before the cost-center balances: every line
 * of the range. The oracle those tables are tested against, and the bench's baseline.
 */
export const BALANCE_BY_COST_CENTER_FROM_EVERY_LINE = `SELECT l.cost_center, a.code, a.name, a.type,
          sum(l.debit)::numeric(18, 2) AS debit, sum(l.credit)::numeric(18, 2) AS credit,
          sum(l.debit - l.credit)::numeric(18, 2) AS balance
     FROM journal_line l
     JOIN journal_entry e ON e.id = l.entry_id
     JOIN account a ON a.code = l.account_code
    WHERE e.status IN ('POSTED', 'REVERSED') AND e.date BETWEEN $1 AND $2
    GROUP BY l.cost_center, a.code
    ORDER BY l.cost_center NULLS LAST, a.code`;
