import { hr as hrEvents, it as itEvents } from '@backoffice/events';
import { callSubgraph, eventually, newTestRun, startTestSubgraph, testIdentity } from '@backoffice/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { hrSubgraph } from '@backoffice/testkit/services/hr';
import { main, replayRange } from './replay.js';

const run = newTestRun();
afterAll(() => run.cleanup());

describe('ops:replay --source', () => {
  it("republishes a range of a source's events from its outbox and names what it no longer holds", async () => {
    const hr = await startTestSubgraph(run, hrSubgraph);
    const asHr = testIdentity(['hr']);
    const dept = await callSubgraph(
      hr.url,
      'mutation { createDepartment(input: { name: "Ops", costCenter: "OPS-1" }) { id } }',
      {},
      asHr,
    );
    for (const name of ['One', 'Two']) {
      const r = await callSubgraph(
        hr.url,
        'mutation($i: HireEmployeeInput!) { hireEmployee(input: $i) { id } }',
        {
          i: {
            givenName: 'Ops',
            familyName: name,
            email: `ops.${name.toLowerCase()}.${run.id}@example.com`,
            departmentId: dept.data.createDepartment.id,
            startDate: '2027-01-04',
            workLocation: 'OFFICE',
            contract: { monthlySalary: '3000.00', currency: 'EUR', fte: 1 },
          },
        },
        asHr,
      );
      expect(r.errors).toBeUndefined();
    }
    await eventually(
      () => hr.relay.pending(),
      (n) => n === 0,
    );
    const type = hrEvents.employeeHired.type;
    const before = (await hr.deps.bus.jsm.streams.info(run.env.EVENTS_STREAM as string)).state.messages;

    const reply = await replayRange({ source: 'hr', type, from: 1, to: 3, env: run.env });
    expect(reply).toEqual({ republished: 2, missing: [3] });
    const after = (await hr.deps.bus.jsm.streams.info(run.env.EVENTS_STREAM as string)).state.messages;
    expect(after - before).toBe(2);

    await expect(
      replayRange({ source: 'hr', type: itEvents.ticketCreated.type, from: 1, to: 1, env: run.env }),
    ).rejects.toThrow(/event types/);
    expect(await main(['--source', 'hr', '--type', type])).toBe(2);
  });
});
