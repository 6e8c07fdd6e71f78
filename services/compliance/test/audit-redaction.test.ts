import { hr as hrEvents } from '@backoffice/events';
import { randomUUID } from 'node:crypto';
import type { RunningSubgraph } from '@backoffice/kit';
import {
  type TestRun,
  callSubgraph,
  eventually,
  newTestRun,
  startTestSubgraph,
  testIdentity,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { entryHash } from '../src/audit/audit.chain.js';
import { REDACTED } from '../src/audit/audit.redaction.js';
import { complianceSubgraph } from '../src/compliance.subgraph.js';
import type { ComplianceServices } from '../src/services.js';
import { eventOf, offContract, publish } from './support.js';

let run: TestRun;
let compliance: RunningSubgraph<ComplianceServices>;

beforeAll(async () => {
  run = newTestRun();
  compliance = await startTestSubgraph(run, complianceSubgraph);
});
afterAll(() => run?.cleanup());

describe('personal data in the audit trail', () => {
  it('stores payloads redacted before they are chained, so the chain verifies over what is kept', async () => {
    const employeeId = randomUUID();
    const hired = eventOf(
      hrEvents.employeeHired,
      employeeId,
      {
        employeeId,
        givenName: 'Grace',
        familyName: 'Hopper',
        email: 'grace@example.com',
        departmentId: 'd-1',
        departmentName: 'Engineering',
        costCenter: 'BO-100',
        managerId: null,
        startDate: '2026-01-05',
        workLocation: 'OFFICE',
        workCountry: 'NL',
      },
      'hr-user',
    );
    // As hr sent it before the kind of leave stayed in hr: the trail must not keep it.
    const sick = eventOf(
      hrEvents.leaveRequested,
      randomUUID(),
      offContract({
        leaveRequestId: randomUUID(),
        employeeId,
        type: 'SICK',
        startDate: '2026-02-02',
        endDate: '2026-02-03',
        days: 2,
      }),
      'hr-user',
    );
    // Whichever way the consumer takes them (one at a time or as a batch), both paths redact.
    await publish(compliance, hired);
    await publish(compliance, sick);
    const rows: { sequence: string; event_id: string; payload: any; prev_hash: string; hash: string }[] =
      await eventually(
        () =>
          compliance.deps.db.query(
            `SELECT sequence, event_id, type, source, subject, actor, time, payload, producer, producer_key_id,
                    prev_hash, hash
               FROM audit_entry WHERE event_id = ANY($1) ORDER BY sequence`,
            [[hired.id, sick.id]],
          ),
        (r: unknown[]) => r.length === 2,
      );
    const [storedHired, storedSick] = rows;
    expect(storedHired.payload).toMatchObject({
      employeeId,
      givenName: REDACTED,
      familyName: REDACTED,
      email: REDACTED,
      costCenter: 'BO-100',
    });
    expect(JSON.stringify(rows)).not.toMatch(/Grace|Hopper|grace@example|SICK/);
    expect(storedSick.payload).toMatchObject({ type: REDACTED, days: 2 });

    // The stored hash is the hash of the redacted payload.
    for (const r of rows as any[])
      expect(
        entryHash(r.prev_hash, {
          sequence: Number(r.sequence),
          eventId: r.event_id,
          type: r.type,
          source: r.source,
          subject: r.subject,
          actor: r.actor,
          time: r.time.toISOString(),
          payload: r.payload,
          producer: r.producer,
          producerKeyId: r.producer_key_id,
        }),
      ).toBe(r.hash);
    const verified = await callSubgraph(
      compliance.url,
      '{ verifyAuditTrail { valid checked firstInvalidSequence } }',
      {},
      testIdentity(['compliance_officer']),
    );
    expect(verified.data.verifyAuditTrail).toMatchObject({ valid: true, firstInvalidSequence: null });
    expect(verified.data.verifyAuditTrail.checked).toBeGreaterThanOrEqual(2);

    // Compliance's own consumers still get the whole event: it knows the new employee by name.
    const known = await eventually(
      () => compliance.deps.db.query('SELECT given_name FROM known_employee WHERE id = $1', [employeeId]),
      (r: unknown[]) => r.length === 1,
    );
    expect(known).toEqual([{ given_name: 'Grace' }]);
  });
});
