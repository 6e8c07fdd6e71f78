import { graphqlClient, mintToken } from '@backoffice/testkit';
import { describe, expect, it } from 'vitest';
import { wholePlatform } from '../support/whole-platform.js';

/**
 * A Dutch payroll month end to end: hr hires, payroll calculates and a second person finalizes; the
 * payslip withholds loonheffing by the white table, accounting books the run with the employer's
 * contributions once, and documents files each payslip as a PDF the employee downloads and hr reads.
 */
const whole = wholePlatform({ COUNTRY: 'NL' });

async function eventually<T>(probe: () => Promise<T | null | undefined>, what: string): Promise<T> {
  const started = Date.now();
  while (Date.now() - started < 20_000) {
    const found = await probe();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`waited 20 s for ${what}`);
}

describe('a Dutch payslip, from the run to the PDF the employee downloads', () => {
  it('withholds loonheffing, books the employer contributions, files the PDF for the employee alone', async () => {
    const url = whole.platform.gatewayUrl;
    const hr = graphqlClient(url, await mintToken({ sub: 'hanna', roles: ['hr'] }));
    const dept = await hr.query(
      'mutation { createDepartment(input: { name: "Loon", costCenter: "NL-9" }) { id } }',
    );
    const hire = (givenName: string) =>
      hr.query('mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }', {
        i: {
          givenName,
          familyName: 'Jansen',
          email: `${givenName.toLowerCase()}@example.nl`,
          departmentId: dept.data.createDepartment.id,
          startDate: '2026-01-01',
          workLocation: 'OFFICE',
          // 4211.05 less 5 % pension is 4000.50: a row of the white monthly table 2026 (820.92 with credit).
          contract: { monthlySalary: '4211.05', currency: 'EUR', fte: 1 },
        },
      });
    const sanne = (await hire('Sanne')).data.hireEmployee.id as string;
    const other = (await hire('Daan')).data.hireEmployee.id as string;

    const payroll = graphqlClient(url, await mintToken({ sub: 'paula', roles: ['payroll'] }));
    const run = (await payroll.query('mutation { createPayrollRun(period: "2026-03") { id } }')).data
      .createPayrollRun.id as string;
    const calc = await payroll.query(
      'mutation($id: ID!) { calculatePayrollRun(id: $id) { payslips { employee { id } wageWithholding net employerContributions } } }',
      { id: run },
    );
    expect(calc.errors).toBeUndefined();
    const slip = calc.data.calculatePayrollRun.payslips.find((p: any) => p.employee.id === sanne);
    expect(slip).toMatchObject({
      wageWithholding: '820.92',
      net: '3179.58',
      employerContributions: '624.47',
    });

    const second = graphqlClient(url, await mintToken({ sub: 'piet', roles: ['payroll'] }));
    const fin = await second.query('mutation($id: ID!) { finalizePayrollRun(id: $id) { status } }', {
      id: run,
    });
    expect(fin.data.finalizePayrollRun.status).toBe('FINALIZED');

    // Accounting books the run once, the employer's contributions of both payslips included.
    const accountant = graphqlClient(url, await mintToken({ sub: 'anna', roles: ['accountant'] }));
    const entry = await eventually(async () => {
      const r = await accountant.query(
        'query($r: String!) { journalEntries(first: 5, filter: { reference: $r }) { edges { node { lines { accountCode debit credit } } } } }',
        { r: `payroll-run:${run}` },
      );
      return r.data?.journalEntries.edges[0]?.node;
    }, 'the payroll booking');
    const at = (code: string) => entry.lines.filter((l: any) => l.accountCode === code);
    expect(at('4160')).toEqual([expect.objectContaining({ debit: '1248.94' })]);
    expect(at('2240')).toEqual([expect.objectContaining({ credit: '1248.94' })]);

    // The employee finds their payslip among their documents and downloads the PDF.
    const self = graphqlClient(
      url,
      await mintToken({ sub: 'sanne', roles: ['employee'], employeeId: sanne }),
    );
    const doc = await eventually(async () => {
      const r = await self.query(
        'query($e: ID!) { employee(id: $e) { documents { id title documentType retentionUntil } } }',
        { e: sanne },
      );
      // retentionUntil comes from compliance's record of the document, kept from documents' event:
      // wait for both, not only for the document.
      return r.data?.employee.documents?.find((d: any) => d.documentType === 'payslip' && d.retentionUntil);
    }, "Sanne's payslip in documents, and in compliance's records");
    expect(doc).toMatchObject({ title: 'Loonstrook 2026-03', retentionUntil: '2033-12-31' });
    const download = (token: string) =>
      fetch(`${new URL(url).origin}/documents/${doc.id}/content`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const pdf = await download(await mintToken({ sub: 'sanne', roles: ['employee'], employeeId: sanne }));
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toMatch(/application\/pdf/);
    const text = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(text.startsWith('%PDF-1.4')).toBe(true);
    for (const shown of [
      'Loonstrook 2026-03',
      'Brutoloon',
      '4.211,05',
      'Pensioenpremie',
      'Loonheffing',
      '-820,92',
      'Netto',
      '3.179,58',
    ])
      expect(text).toContain(shown);

    // hr keeps payslips; a colleague does not read someone else's.
    expect((await download(await mintToken({ sub: 'hanna', roles: ['hr'] }))).status).toBe(200);
    const colleague = await download(
      await mintToken({ sub: 'daan', roles: ['employee'], employeeId: other }),
    );
    expect([403, 404]).toContain(colleague.status);
    // What payroll filed about her is read-only to her: kept for its retention.
    const removed = await self.query('mutation($d: ID!) { deleteDocument(id: $d) }', { d: doc.id });
    expect(['FORBIDDEN', 'CONFLICT']).toContain(removed.errors?.[0].extensions?.code);
  }, 90_000);
});
