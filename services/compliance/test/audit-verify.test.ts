import { hr as hrEvents } from '@backoffice/events';
import type { RunningSubgraph } from '@backoffice/kit';
import { callSubgraph, newTestRun, startTestSubgraph, testIdentity, type TestRun } from '@backoffice/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ChainedFields, GENESIS_HASH, entryHash } from '../src/audit/audit.chain.js';
import { AuditService } from '../src/audit/audit.service.js';
import { complianceSubgraph } from '../src/compliance.subgraph.js';
import type { ComplianceServices } from '../src/services.js';

/**
 * Verification in ranges must give the verdict one pass from genesis gives, wherever the tampering
 * falls: inside a range, on a range's first or last entry, on a checkpoint, a row deleted, two rows
 * swapped. A trail of 60 entries with checkpoints at 20 and 40 is checked three ways: in 12 ranges of 5
 * on 3 threads (so every tamper below lands on a range's first, middle or last entry), in this thread,
 * and through GraphQL.
 */
let run: TestRun;
let compliance: RunningSubgraph<ComplianceServices>;
let threads: AuditService;
let here: AuditService;
const ENTRIES = 60;
const CHECKPOINTS = [20, 40];
const asOfficer = testIdentity(['compliance_officer']);
const VERIFY = `query($from: Int, $to: Int) { verifyAuditTrail(from: $from, to: $to) {
  valid checked firstInvalidSequence reason from to brokenRange { from to } } }`;

const db = () => compliance.deps.db;

/** Runs statements on the trail with its append-only guard off, as someone with the database would. */
async function tamper(...statements: string[]) {
  await db().transaction(async (em) => {
    await em.query('ALTER TABLE audit_entry DISABLE TRIGGER ALL');
    for (const s of statements) await em.query(s);
    await em.query('ALTER TABLE audit_entry ENABLE TRIGGER ALL');
  });
}

/** The same verdict from the threads, from this thread and through the graph. */
async function verdict(args: { from?: number; to?: number } = {}) {
  const a = await threads.verify(args);
  const b = await here.verify(args);
  const r = await callSubgraph(compliance.url, VERIFY, args, asOfficer);
  expect(r.errors).toBeUndefined();
  expect(b).toEqual(a);
  expect(r.data.verifyAuditTrail).toEqual(a);
  return a;
}

const rehash = (sequence: number) =>
  `UPDATE audit_entry SET hash = md5(hash) || md5(hash) WHERE sequence = ${sequence}`;

beforeAll(async () => {
  run = newTestRun();
  compliance = await startTestSubgraph(run, complianceSubgraph);
  threads = new AuditService(db(), { threads: 3, minRangeEntries: 5 });
  here = new AuditService(db(), { threads: 1, minRangeEntries: 5 });
  // The chain as the consumer builds it, and the checkpoints as the job records them.
  let prev = GENESIS_HASH;
  const rows: (ChainedFields & { prevHash: string; hash: string })[] = [];
  for (let sequence = 1; sequence <= ENTRIES; sequence++) {
    const fields = {
      sequence,
      eventId: `verify-${sequence}`,
      type: hrEvents.employeeUpdated.type,
      source: '/backoffice/hr',
      subject: `employee-${sequence}`,
      actor: sequence % 3 === 0 ? null : `user-${sequence}`,
      time: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence, 7)).toISOString(),
      payload: { employeeId: `employee-${sequence}`, changes: ['email'], n: sequence },
      producer: 'hr',
      producerKeyId: 'hr-1',
    };
    const hash = entryHash(prev, fields);
    rows.push({ ...fields, prevHash: prev, hash });
    prev = hash;
  }
  await db().transaction(async (em) => {
    for (const r of rows)
      await em.query(
        `INSERT INTO audit_entry (sequence, event_id, type, source, subject, actor, time, payload, prev_hash, hash,
                                  producer, producer_key_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12)`,
        [
          r.sequence,
          r.eventId,
          r.type,
          r.source,
          r.subject,
          r.actor,
          r.time,
          JSON.stringify(r.payload),
          r.prevHash,
          r.hash,
          r.producer,
          r.producerKeyId,
        ],
      );
    await em.query('UPDATE audit_counter SET last_sequence = $1, last_hash = $2 WHERE id', [ENTRIES, prev]);
    for (const c of CHECKPOINTS)
      await em.query(`INSERT INTO audit_checkpoint (sequence, hash, event_id) VALUES ($1, $2, $3)`, [
        c,
        rows[c - 1].hash,
        `checkpoint-${c}`,
      ]);
  });
  await db().query('CREATE TABLE audit_entry_kept AS SELECT * FROM audit_entry');
  await db().query('CREATE TABLE audit_checkpoint_kept AS SELECT * FROM audit_checkpoint');
});
afterAll(() => run?.cleanup());

// Each case starts from the untouched trail.
beforeEach(async () => {
  await tamper('DELETE FROM audit_entry', 'INSERT INTO audit_entry SELECT * FROM audit_entry_kept');
  await db().query('DELETE FROM audit_checkpoint');
  await db().query('INSERT INTO audit_checkpoint SELECT * FROM audit_checkpoint_kept');
  await db().query(
    'UPDATE audit_counter SET last_sequence = $1, last_hash = (SELECT hash FROM audit_entry_kept WHERE sequence = $1) WHERE id',
    [ENTRIES],
  );
});

describe('verifying the trail in ranges', () => {
  it('holds an untouched trail valid, whole or in part, widening a range to the checkpoints around it', async () => {
    expect(await verdict()).toEqual({
      valid: true,
      checked: 60,
      firstInvalidSequence: null,
      reason: null,
      from: 1,
      to: 60,
      brokenRange: null,
    });
    expect(await verdict({ from: 25, to: 38 })).toMatchObject({ valid: true, checked: 20, from: 21, to: 40 });
    expect(await verdict({ from: 41, to: 60 })).toMatchObject({ valid: true, checked: 20, from: 41, to: 60 });
    expect(await verdict({ from: 5, to: 20 })).toMatchObject({ valid: true, from: 1, to: 20 });
  });

  it('finds a changed payload in the middle of a range, and on its first and last entry', async () => {
    await tamper(`UPDATE audit_entry SET payload = '{"n": 1}' WHERE sequence = 28`);
    expect(await verdict()).toEqual({
      valid: false,
      checked: 28,
      firstInvalidSequence: 28,
      reason: 'HASH',
      from: 1,
      to: 60,
      brokenRange: { from: 21, to: 40 },
    });
    await tamper(`UPDATE audit_entry SET payload = '{"n": 2}' WHERE sequence = 21`);
    expect(await verdict({ from: 22, to: 30 })).toMatchObject({
      valid: false,
      firstInvalidSequence: 21,
      reason: 'HASH',
      from: 21,
      to: 40,
      brokenRange: { from: 21, to: 40 },
    });
    await tamper('DELETE FROM audit_entry', 'INSERT INTO audit_entry SELECT * FROM audit_entry_kept');
    await tamper(`UPDATE audit_entry SET actor = 'mallory' WHERE sequence = 60`);
    expect(await verdict({ from: 50 })).toMatchObject({
      valid: false,
      checked: 20,
      firstInvalidSequence: 60,
      reason: 'HASH',
      brokenRange: { from: 41, to: 60 },
    });
  });

  it('finds an entry rewritten with a fresh hash at the next link, or at the checkpoint it must equal', async () => {
    await tamper(rehash(33));
    expect(await verdict()).toMatchObject({ firstInvalidSequence: 33, reason: 'HASH' });
    await tamper(
      'DELETE FROM audit_entry',
      'INSERT INTO audit_entry SELECT * FROM audit_entry_kept',
      `UPDATE audit_entry SET actor = 'mallory' WHERE sequence = 40`,
    );
    // Recompute entry 40 as a forger would: only the checkpoint published at 40 disagrees.
    const [row] = await db().query(
      `SELECT sequence, event_id, type, source, subject, actor, time, payload, producer, producer_key_id, prev_hash
         FROM audit_entry WHERE sequence = 40`,
    );
    const forged = entryHash(row.prev_hash, {
      sequence: 40,
      eventId: row.event_id,
      type: row.type,
      source: row.source,
      subject: row.subject,
      actor: row.actor,
      time: row.time.toISOString(),
      payload: row.payload,
      producer: row.producer,
      producerKeyId: row.producer_key_id,
    });
    await tamper(
      `UPDATE audit_entry SET hash = '${forged}' WHERE sequence = 40`,
      `UPDATE audit_entry SET prev_hash = '${forged}' WHERE sequence = 41`,
    );
    // Asked for 25..38 only, the check still runs to the checkpoint at 40 and finds it.
    expect(await verdict({ from: 25, to: 38 })).toMatchObject({
      valid: false,
      firstInvalidSequence: 40,
      reason: 'CHECKPOINT',
      brokenRange: { from: 21, to: 40 },
    });
    // From 41 on, the checkpoint at 40 is the anchor, and entry 41 no longer chains to it.
    expect(await verdict({ from: 41 })).toMatchObject({
      valid: false,
      firstInvalidSequence: 41,
      reason: 'CHECKPOINT',
      brokenRange: { from: 41, to: 60 },
    });
  });

  it('finds a tampered checkpoint, as the end of a range and as the start of the next', async () => {
    await db().query(`UPDATE audit_checkpoint SET hash = md5('x') || md5('y') WHERE sequence = 20`);
    expect(await verdict()).toMatchObject({
      valid: false,
      checked: 20,
      firstInvalidSequence: 20,
      reason: 'CHECKPOINT',
      brokenRange: { from: 1, to: 20 },
    });
    expect(await verdict({ from: 30, to: 35 })).toMatchObject({
      valid: false,
      firstInvalidSequence: 21,
      reason: 'CHECKPOINT',
      from: 21,
      brokenRange: { from: 21, to: 40 },
    });
  });

  it('finds a deleted entry, in the middle and at the end, and two entries swapped', async () => {
    await tamper('DELETE FROM audit_entry WHERE sequence = 46');
    expect(await verdict()).toMatchObject({
      valid: false,
      checked: 46,
      firstInvalidSequence: 46,
      reason: 'GAP',
      brokenRange: { from: 41, to: 60 },
    });
    await tamper('DELETE FROM audit_entry WHERE sequence = 60');
    expect(await verdict({ from: 41 })).toMatchObject({ firstInvalidSequence: 46, reason: 'GAP' });
    await tamper('DELETE FROM audit_entry', 'INSERT INTO audit_entry SELECT * FROM audit_entry_kept');
    await tamper('DELETE FROM audit_entry WHERE sequence = 60');
    expect(await verdict()).toMatchObject({ firstInvalidSequence: 60, reason: 'GAP' });
    await tamper(
      'DELETE FROM audit_entry',
      'INSERT INTO audit_entry SELECT * FROM audit_entry_kept',
      'UPDATE audit_entry SET sequence = 1000011 WHERE sequence = 11',
      'UPDATE audit_entry SET sequence = 11 WHERE sequence = 10',
      'UPDATE audit_entry SET sequence = 10 WHERE sequence = 1000011',
    );
    expect(await verdict()).toMatchObject({
      valid: false,
      firstInvalidSequence: 10,
      reason: 'PREVIOUS_HASH',
      brokenRange: { from: 1, to: 20 },
    });
  });

  it('holds an empty trail valid when asked for the whole of it', async () => {
    await tamper('DELETE FROM audit_entry');
    await db().query('DELETE FROM audit_checkpoint');
    await db().query(`UPDATE audit_counter SET last_sequence = 0, last_hash = $1 WHERE id`, [GENESIS_HASH]);
    expect(await verdict()).toEqual({
      valid: true,
      checked: 0,
      firstInvalidSequence: null,
      reason: null,
      from: 1,
      to: 0,
      brokenRange: null,
    });
  });

  it('is for compliance officers, and refuses a range past the head', async () => {
    const r = await callSubgraph(compliance.url, VERIFY, { from: 1, to: 10 }, testIdentity(['analyst']));
    expect(r.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const past = await callSubgraph(compliance.url, VERIFY, { from: 1, to: 61 }, asOfficer);
    expect(past.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });
});
