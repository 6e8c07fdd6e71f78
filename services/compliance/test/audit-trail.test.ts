import {
  EVENT_ROOT,
  accounting as accountingEvents,
  hr as hrEvents,
  it as itEvents,
  compliance as complianceEvents,
} from '@backoffice/events';
import { randomUUID } from 'node:crypto';
import type { RunningSubgraph } from '@backoffice/kit';
import {
  callSubgraph,
  eventually,
  newTestRun,
  publishSignedBody,
  startTestSubgraph,
  testIdentity,
  testKeyring,
  type TestRun,
} from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { complianceSubgraph } from '../src/compliance.subgraph.js';
import type { ComplianceServices } from '../src/services.js';
import { eventOf, offContract, outboxEvents, publish } from './support.js';

let run: TestRun;
let compliance: RunningSubgraph<ComplianceServices>;
const asOfficer = testIdentity(['compliance_officer']);

const TRAIL = /* GraphQL */ `
  query($f: AuditFilter, $first: Int, $after: String) {
    auditTrail(filter: $f, first: $first, after: $after) {
      totalCount
      edges { node { sequence eventId type source subject actor time hash prevHash payload producer producerKeyId } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
const VERIFY = '{ verifyAuditTrail { valid checked firstInvalidSequence } }';

async function entriesFor(eventIds: string[]) {
  const rows: { sequence: string; event_id: string }[] = await compliance.deps.db.query(
    'SELECT sequence, event_id FROM audit_entry WHERE event_id = ANY($1) ORDER BY sequence',
    [eventIds],
  );
  return rows;
}

beforeAll(async () => {
  run = newTestRun();
  compliance = await startTestSubgraph(run, complianceSubgraph);
});
afterAll(() => run?.cleanup());

describe('the audit trail', () => {
  it('records each event of every service exactly once, a re-published duplicate included, in a gapless chain', async () => {
    const events = [
      eventOf(
        hrEvents.employeeHired,
        randomUUID(),
        offContract({ employeeId: 'x', givenName: 'Ada' }),
        'hr-user',
      ),
      eventOf(
        accountingEvents.journalEntryPosted,
        randomUUID(),
        offContract({ amount: '10.00', lines: [{ b: 1, a: 2 }] }),
        'acct',
      ),
      eventOf(itEvents.ticketCreated, randomUUID(), offContract({ title: 'Laptop' }), 'agent'),
    ];
    for (const e of events) await publish(compliance, e);
    // The same event again under another message id: the broker's dedupe does not catch it, the trail must.
    await publish(compliance, events[1], randomUUID());
    const ids = events.map((e) => e.id);
    const rows = await eventually(
      () => entriesFor(ids),
      (r) => r.length === 3,
    );
    expect(rows.map((r) => r.event_id)).toEqual(ids);
    const audit = compliance.consumers.find((c) => c.durable === 'compliance-audit');
    await eventually(
      async () => audit?.duplicates ?? 0,
      (n) => n >= 1,
    );
    expect(audit?.duplicates).toBeGreaterThanOrEqual(1);
    expect(await entriesFor(ids)).toHaveLength(3);

    const all: { sequence: string }[] = await compliance.deps.db.query(
      'SELECT sequence FROM audit_entry ORDER BY sequence',
    );
    expect(all.map((r) => Number(r.sequence))).toEqual(all.map((_, i) => i + 1));

    const r = await callSubgraph(
      compliance.url,
      TRAIL,
      { f: { source: '/backoffice/accounting' } },
      asOfficer,
    );
    expect(r.errors).toBeUndefined();
    expect(r.data.auditTrail.totalCount).toBe(1);
    const entry = r.data.auditTrail.edges[0].node;
    expect(entry).toMatchObject({
      eventId: events[1].id,
      actor: 'acct',
      type: accountingEvents.journalEntryPosted.type,
      // Who signed it, as the consumer verified: accounting, with its (dev) key.
      producer: 'accounting',
      producerKeyId: testKeyring('accounting').kid,
    });
    expect(JSON.parse(entry.payload)).toEqual(events[1].data);
    expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('parks a malformed message and keeps recording the events after it', async () => {
    const { bus } = compliance.deps;
    // Signed by hr: past the signature check, then failing like any handler error.
    await publishSignedBody(bus, hrEvents.employeeHired.type, 'this is { not json', {
      msgID: randomUUID(),
    });
    const odd = {
      specversion: '1.0',
      id: randomUUID(),
      source: '/backoffice/documents',
      type: `${EVENT_ROOT}.documents.document.tagged`, // a type no contract declares
      time: 'sometime last week',
      subject: 'doc-1',
    };
    await publishSignedBody(bus, odd.type, JSON.stringify(odd), { msgID: odd.id });
    const later = eventOf(hrEvents.employeeUpdated, randomUUID(), offContract({ changedFields: ['email'] }));
    await publish(compliance, later);

    const landed = await eventually(
      () => entriesFor([odd.id, later.id]),
      (r) => r.length === 2,
    );
    expect(landed).toHaveLength(2);
    const [oddRow] = await compliance.deps.db.query(
      'SELECT actor, payload FROM audit_entry WHERE event_id = $1',
      [odd.id],
    );
    expect(oddRow).toEqual({ actor: null, payload: null });

    const parked = await eventually(
      () => compliance.deps.db.query(`SELECT error FROM dead_letter WHERE consumer = 'compliance-audit'`),
      (rows) => rows.length >= 1,
      20_000,
    );
    expect(parked[0].error).toMatch(/not JSON/);
    const v = await callSubgraph(compliance.url, VERIFY, {}, asOfficer);
    expect(v.data.verifyAuditTrail.valid).toBe(true);
  });

  it('refuses to change or remove entries, and a tampered payload is found at its sequence', async () => {
    const db = compliance.deps.db;
    const [first] = await db.query('SELECT sequence FROM audit_entry ORDER BY sequence LIMIT 1 OFFSET 1');
    await expect(
      db.query(`UPDATE audit_entry SET actor = 'mallory' WHERE sequence = $1`, [first.sequence]),
    ).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM audit_entry WHERE sequence = $1', [first.sequence])).rejects.toThrow(
      /append-only/,
    );
    await expect(db.query('TRUNCATE audit_entry')).rejects.toThrow(/append-only/);

    const before = await callSubgraph(compliance.url, VERIFY, {}, asOfficer);
    expect(before.data.verifyAuditTrail).toMatchObject({ valid: true, firstInvalidSequence: null });

    await db.query('ALTER TABLE audit_entry DISABLE TRIGGER ALL');
    await db.query(`UPDATE audit_entry SET payload = '{"amount": "999999.00"}'::jsonb WHERE sequence = $1`, [
      first.sequence,
    ]);
    await db.query('ALTER TABLE audit_entry ENABLE TRIGGER ALL');

    const after = await callSubgraph(compliance.url, VERIFY, {}, asOfficer);
    expect(after.data.verifyAuditTrail).toEqual({
      valid: false,
      checked: Number(first.sequence),
      firstInvalidSequence: Number(first.sequence),
    });
  });

  it('publishes checkpoints of the head through the outbox, once per change', async () => {
    const [before] = await compliance.deps.db.query('SELECT last_sequence FROM audit_counter');
    const checkpoint = await compliance.services.audit.checkpoint();
    expect(checkpoint).not.toBeNull();
    // The head as the checkpoint read it, not as it is now: the checkpoint's own event may already have
    // reached the trail and moved the head by the time this line runs.
    const head = { last_sequence: checkpoint?.sequence, last_hash: checkpoint?.hash };
    expect(Number(head.last_sequence)).toBeGreaterThanOrEqual(Number(before.last_sequence));
    const [entry] = await compliance.deps.db.query('SELECT hash FROM audit_entry WHERE sequence = $1', [
      head.last_sequence,
    ]);
    expect(entry.hash).toBe(head.last_hash);
    const published = await outboxEvents(compliance, complianceEvents.auditCheckpoint.type);
    expect(published.at(-1)?.data).toEqual({ sequence: Number(head.last_sequence), hash: head.last_hash });
    // The checkpoint's own event reaching the trail is no reason for another checkpoint.
    await eventually(
      () => entriesFor([published.at(-1)?.id as string]),
      (r) => r.length === 1,
    );
    expect(await compliance.services.audit.checkpoint()).toBeNull();
    const r = await callSubgraph(compliance.url, '{ auditCheckpoints { sequence hash } }', {}, asOfficer);
    expect(r.data.auditCheckpoints[0]).toEqual({
      sequence: Number(head.last_sequence),
      hash: head.last_hash,
    });
  });

  it('pages in order and is for compliance only', async () => {
    const page1 = await callSubgraph(compliance.url, TRAIL, { first: 2 }, asOfficer);
    const page2 = await callSubgraph(
      compliance.url,
      TRAIL,
      { first: 2, after: page1.data.auditTrail.pageInfo.endCursor },
      asOfficer,
    );
    const seqs = [...page1.data.auditTrail.edges, ...page2.data.auditTrail.edges].map(
      (e: any) => e.node.sequence,
    );
    expect(seqs).toEqual([1, 2, 3, 4]);
    for (const roles of [['analyst'], ['controller'], ['employee']] as const) {
      const r = await callSubgraph(compliance.url, TRAIL, {}, testIdentity([...roles]));
      expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    const counts = await callSubgraph(
      compliance.url,
      '{ complianceCounts { auditEntries } }',
      {},
      testIdentity(['analyst']),
    );
    expect(counts.data.complianceCounts.auditEntries).toBeGreaterThanOrEqual(5);
  });
});
