import type { GraphQLClient } from '@backoffice/testkit';
import type pg from 'pg';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** What finance-desk.test.ts starts its scenarios from, made through the API (and the desk's history in its database). */

const DAY = 86_400_000;

/** The answer's data; the query must not fail. */
export async function ok(client: GraphQLClient, query: string, variables?: Record<string, unknown>) {
  const r = await client.query(query, variables);
  expect(r.errors, query).toBeUndefined();
  return r.data;
}

export async function hire(
  hr: GraphQLClient,
  runId: string,
  givenName: string,
  familyName: string,
  departmentId: string,
) {
  const data = await ok(hr, `mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }`, {
    i: {
      givenName,
      familyName,
      email: `${givenName.toLowerCase()}.${runId}@example.com`,
      departmentId,
      startDate: '2026-01-05',
      workLocation: 'OFFICE',
      contract: { monthlySalary: '4200.00', currency: 'EUR', fte: 1 },
    },
  });
  return data.hireEmployee.id as string;
}

/** An invoice of one line at 21 % VAT, due at the end of the issue date's year. */
export function invoice(
  accountant: GraphQLClient,
  runId: string,
  kind: 'CUSTOMER' | 'SUPPLIER',
  counterparty: string,
  issueDate: string,
  amount: string,
) {
  return ok(accountant, 'mutation($i: CreateInvoiceInput!) { createInvoice(input: $i) { id } }', {
    i: {
      kind,
      counterparty,
      number: kind === 'SUPPLIER' ? `S-${runId}` : undefined,
      issueDate,
      dueDate: `${issueDate.slice(0, 4)}-12-31`,
      currency: 'EUR',
      lines: [{ description: 'Consulting', quantity: '1', unitPrice: amount, vatRate: '21' }],
    },
  });
}

/** Moves a ticket's times back, as if it was opened `createdDaysAgo` days ago (and resolved then). */
export async function backdate(db: pg.Client, id: string, createdDaysAgo: number, resolvedDaysAgo?: number) {
  const at = (days: number) => new Date(Date.now() - days * DAY);
  await db.query(
    `UPDATE ticket SET created_at = $2, first_responded_at = NULL, resolved_at = $3,
       status = CASE WHEN $3::timestamptz IS NULL THEN status ELSE 'RESOLVED' END
     WHERE id = $1`,
    [id, at(createdDaysAgo), resolvedDaysAgo === undefined ? null : at(resolvedDaysAgo)],
  );
}

/** The sum of a numeric column of a figure's data table (its header names the column). */
export async function columnTotal(page: Page, figure: string, column: string): Promise<number> {
  const table = page.getByTestId(figure).locator('table');
  const headers = await table.locator('thead th').allTextContents();
  const index = headers.indexOf(column);
  expect(index, `${column} in ${headers.join(', ')}`).toBeGreaterThan(0);
  const cells = await table.locator(`tbody tr > :nth-child(${index + 1})`).allTextContents();
  return cells.reduce((sum, text) => sum + Number(text.replace(/\D/g, '') || 0), 0);
}
