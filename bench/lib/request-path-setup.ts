import fs from 'node:fs';
import type { GraphQLClient, ManagedChild } from '@backoffice/testkit';

/** The data of bench:request-path: one department and `count` employees hired through the graph. */
export async function seedEmployees(admin: GraphQLClient, count: number): Promise<void> {
  const dept = await admin.query(
    'mutation { createDepartment(input: { name: "Front office", costCenter: "FO-1" }) { id } }',
  );
  const departmentId = (dept.data as { createDepartment?: { id: string } } | null)?.createDepartment?.id;
  if (!departmentId) throw new Error(`createDepartment: ${JSON.stringify(dept.errors)}`);
  const year = new Date().getUTCFullYear();
  for (let i = 0; i < count; i++) {
    const r = await admin.query(
      'mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }',
      {
        input: {
          givenName: `Given${i}`,
          familyName: `Family${String(i).padStart(3, '0')}`,
          email: `bench.${i}@example.com`,
          departmentId,
          startDate: `${year}-01-01`,
          workLocation: i % 3 === 0 ? 'REMOTE' : 'OFFICE',
          contract: { monthlySalary: String(3000 + i * 100), currency: 'EUR', fte: 1 },
        },
      },
    );
    if (r.errors?.length) throw new Error(`hireEmployee: ${JSON.stringify(r.errors)}`);
  }
}

/** Waits until a process answers 200 on /health next to its /graphql. */
export async function waitForHealth(url: string, child: ManagedChild, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!child.isRunning()) throw new Error(`${child.name} exited:\n${child.lastLines().join('\n')}`);
    try {
      if ((await fetch(url.replace(/\/graphql$/, '/health'))).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${child.name} not ready after ${timeoutMs} ms:\n${child.lastLines().join('\n')}`);
}

/**
 * CPU time a process has used so far, in ms (user + system, from /proc; NaN without procfs). Divided
 * by the requests a run served, it is what one request costs that process, a figure that other work
 * on a loaded machine moves much less than requests per second.
 */
export function cpuMs(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** sysconf(_SC_CLK_TCK): 100 on every Linux this runs on. */
const CLOCK_TICKS = 100;
