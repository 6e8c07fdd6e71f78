import type { RunningSubgraph } from '@backoffice/kit';
import { type TestRun, newTestRun, startTestSubgraph } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountingSubgraph } from '../src/accounting.subgraph.js';
import type { AccountingServices } from '../src/services.js';

/** Personal data goes only where it is needed: accounting books payroll per cost center, never per person. */
let run: TestRun;
let accounting: RunningSubgraph<AccountingServices>;

beforeAll(async () => {
  run = newTestRun();
  accounting = await startTestSubgraph(run, accountingSubgraph);
});
afterAll(() => run?.cleanup());

describe("accounting's own database", () => {
  it('keeps no table or column of pay per employee', async () => {
    const columns: { table_name: string; column_name: string }[] = await accounting.deps.db.query(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND column_name IN ('employee_id', 'salary', 'gross_pay', 'net_pay')`,
    );
    expect(await accounting.deps.db.query("SELECT to_regclass('employee_payroll_cost') AS t")).toEqual([
      { t: null },
    ]);
    expect(columns).toEqual([]);
  });
});
