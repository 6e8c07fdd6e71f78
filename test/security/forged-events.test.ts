import {
  eventually as pollUntil,
  type GraphQLClient,
  graphqlClient,
  mintToken,
  publishSignedEvent,
  testKeyring,
} from '@backoffice/testkit';
import { randomUUID } from 'node:crypto';
import {
  type Bus,
  type CloudEvent,
  connectBus,
  createKeyring,
  checkSignature,
  domainEvent,
  generateSigningKey,
  type Keyring,
  replayRequest,
  replaySubject,
  SIGNATURE_HEADER,
  signMessage,
  watermarkSubject,
} from '@backoffice/kit';
import { compliance as complianceEvents, type EmployeeHiredData, hr as hrEvents } from '@backoffice/events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholePlatform } from '../support/whole-platform.js';
import { forgeries } from './support/forgeries.js';

/**
 * Someone who can publish on the bus but holds no service's key, or holds the wrong one (a
 * compromised documents), tries each event that changes something today: a hire, a termination with
 * an end date in the past (documents would set personnel-file retention into the past, and the purge
 * destroy the files), an approval decision (accounting would post a waiting entry), a legal hold's
 * release (documents would free a held document), and a watermark with a huge number. Each forgery
 * has a valid-looking envelope and the id of a real event; each is parked with the reason, changes
 * nothing, and the real event with the same id still applies afterwards.
 */
const whole = wholePlatform({ APPROVAL_THRESHOLD: '1000' });
const { env, runId } = whole;
type Service = 'accounting' | 'compliance' | 'documents' | 'it';
let bus: Bus;
const db = {} as Record<Service, pg.Pool>;
// The rightful keys (the repo's dev keys, which this dev-mode platform trusts) and a wrong one.
const hr = testKeyring('hr');
const compliance = testKeyring('compliance');
const documents = testKeyring('documents');

const client = async (sub: string, roles: string[]): Promise<GraphQLClient> =>
  graphqlClient(whole.platform.gatewayUrl, await mintToken({ sub, roles }));

// The kit's poll, with the 20 s these cross-process flows are given.
const eventually = <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000) => pollUntil(fn, ok, ms);

const rows = async (service: Service, sql: string, params: unknown[] = []) =>
  (await db[service].query(sql, params)).rows;

beforeAll(async () => {
  bus = await connectBus({
    url: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
    stream: env.EVENTS_STREAM,
    prefix: env.EVENTS_SUBJECT_PREFIX,
    name: 'forger',
  });
  for (const s of ['accounting', 'compliance', 'documents', 'it'] as const)
    db[s] = new pg.Pool({
      connectionString: `${(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(/\/[^/]*$/, '')}/backoffice_${s}${env.DATABASE_SUFFIX}`,
      max: 2,
    });
});

// Before the platform stops and its databases are dropped (vitest runs after-hooks last-in first-out).
afterAll(async () => {
  await bus?.nc.close();
  for (const pool of Object.values(db)) await pool.end();
});

/**
 * Publishes every forgery once and waits until each of `consumers` (service, durable) has parked all
 * of them with their reasons; the audit consumer too, which takes every event.
 */
async function forge(
  consumers: [Service, string][],
  forged: CloudEvent,
  genuine: CloudEvent,
  producer: Keyring,
) {
  expect(forged.id).toBe(genuine.id);
  expect(JSON.stringify(forged)).not.toBe(JSON.stringify(genuine));
  const list = forgeries(bus, { hr, compliance, documents }, forged, genuine, producer);
  for (const f of list) await f.send();
  for (const [service, consumer] of [...consumers, ['compliance', 'compliance-audit'] as [Service, string]]) {
    const parked = await eventually(
      () =>
        rows(
          service,
          'SELECT error, deliveries FROM dead_letter WHERE consumer = $1 AND event_id = $2 ORDER BY id',
          [consumer, genuine.id],
        ),
      (r) => r.length >= list.length,
    );
    expect(parked.map((p) => p.error).sort(), consumer).toEqual(list.map((f) => f.reason).sort());
    // Parked at the first delivery: a refusal is not retried.
    expect(parked.every((p) => p.deliveries === 1)).toBe(true);
  }
  // No consumer took them in: no inbox row anywhere stands in the genuine event's way.
  for (const s of ['accounting', 'compliance', 'documents', 'it'] as const)
    expect(await rows(s, 'SELECT consumer FROM inbox WHERE event_id = $1', [genuine.id]), s).toEqual([]);
  expect(await rows('compliance', 'SELECT 1 FROM audit_entry WHERE event_id = $1', [genuine.id])).toEqual([]);
}

/** The genuine event got into the trail, recorded as its producer's with the producer's key. */
async function auditedAs(event: CloudEvent, producer: Keyring) {
  const entries = await eventually(
    () =>
      rows('compliance', 'SELECT producer, producer_key_id FROM audit_entry WHERE event_id = $1', [event.id]),
    (r) => r.length > 0,
  );
  expect(entries).toEqual([{ producer: producer.self, producer_key_id: producer.kid }]);
}

const employeeId = randomUUID();
const hired = (): EmployeeHiredData => ({
  employeeId,
  givenName: 'Grace',
  familyName: 'Hopper',
  email: `grace.${runId}@example.com`,
  departmentId: randomUUID(),
  departmentName: 'Research',
  costCenter: 'RD-100',
  managerId: null,
  startDate: '2026-03-01',
  workLocation: 'OFFICE',
  workCountry: 'NL',
});

describe('forged events', () => {
  it('a hire: no employee, no onboarding ticket, until hr itself says so', async () => {
    const event = domainEvent(hrEvents.employeeHired, employeeId, hired(), { userId: 'hr-user' });
    const forged = { ...event, data: { ...hired(), givenName: 'Mallory' } };
    await forge(
      [
        ['documents', 'documents-employees'],
        ['it', 'it-onboarding'],
      ],
      forged,
      event,
      hr,
    );
    expect(await rows('documents', 'SELECT 1 FROM known_employee WHERE id = $1', [employeeId])).toEqual([]);
    expect(await rows('it', 'SELECT 1 FROM ticket WHERE source_event_id = $1', [event.id])).toEqual([]);

    await publishSignedEvent(bus, event, { keyring: hr, msgID: randomUUID() });
    const tickets = await eventually(
      () => rows('it', 'SELECT 1 FROM ticket WHERE source_event_id = $1', [event.id]),
      (r) => r.length > 0,
    );
    expect(tickets).toHaveLength(1);
    expect(await rows('documents', 'SELECT 1 FROM known_employee WHERE id = $1', [employeeId])).toHaveLength(
      1,
    );
    await auditedAs(event, hr);
  }, 60_000);

  it('a termination dated in the past: personnel-file retention untouched, until hr itself says so', async () => {
    const officer = await client('hanna', ['hr']);
    const upload = await officer.query(
      'mutation($i: UploadDocumentInput!) { uploadDocument(input: $i) { id } }',
      {
        i: {
          title: 'Personnel file',
          mimeType: 'text/plain',
          contentBase64: Buffer.from('Contract, appraisals.').toString('base64'),
          documentType: 'personnel_file',
          ownerEmployeeId: employeeId,
        },
      },
    );
    expect(upload.errors).toBeUndefined();
    const documentId = upload.data.uploadDocument.id as string;
    const retention = async () =>
      (
        await rows('documents', 'SELECT retention_until::text AS d FROM document WHERE id = $1', [documentId])
      )[0].d;
    expect(await retention()).toBeNull();

    const terminated = (endDate: string) => ({
      employeeId,
      givenName: 'Grace',
      familyName: 'Hopper',
      email: `grace.${runId}@example.com`,
      departmentId: randomUUID(),
      managerId: null,
      endDate,
    });
    // The genuine termination ends this year; the forger wants it fifteen years ago.
    const event = domainEvent(hrEvents.employeeTerminated, employeeId, terminated('2026-12-31'), {
      userId: 'hr-user',
    });
    const forged = { ...event, data: terminated('2011-01-31') };
    await forge([['documents', 'documents-employees']], forged, event, hr);
    expect(await retention()).toBeNull();
    expect(
      await rows('documents', 'SELECT end_date FROM known_employee WHERE id = $1 AND end_date IS NOT NULL', [
        employeeId,
      ]),
    ).toEqual([]);

    await publishSignedEvent(bus, event, { keyring: hr, msgID: randomUUID() });
    const kept = await eventually(retention, (d) => d !== null);
    expect(kept).toBe('2028-12-31');
    await auditedAs(event, hr);
  }, 60_000);

  it('an approval decision: the waiting journal entry stays waiting, until compliance itself decides', async () => {
    const author = await client('alice', ['accountant', 'controller']);
    const posted = await author.query(
      'mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { id status } }',
      {
        i: {
          date: '2026-11-02',
          description: 'Laptops',
          lines: [
            { accountCode: '4500', debit: '5000.00' },
            { accountCode: '1100', credit: '5000.00' },
          ],
        },
      },
    );
    expect(posted.data?.postJournalEntry.status).toBe('PENDING_APPROVAL');
    const entryId = posted.data.postJournalEntry.id as string;
    const status = async () =>
      (await rows('accounting', 'SELECT status FROM journal_entry WHERE id = $1', [entryId]))[0].status;
    // What a forger reads off the bus: the request the entry waits on.
    const [asked] = await rows(
      'accounting',
      'SELECT approval_request_id, approval_role, approval_steps FROM journal_entry WHERE id = $1',
      [entryId],
    );
    const decision = (decidedBy: string) => ({
      approvalId: randomUUID(),
      subjectType: 'JournalEntry',
      subjectId: entryId,
      status: 'APPROVED' as const,
      decidedBy,
      comment: null,
      requestEventId: asked.approval_request_id,
      requiredRole: asked.approval_role,
      stepsRequired: asked.approval_steps,
      steps: [{ step: 1, role: asked.approval_role, decidedBy, approve: true }],
    });
    const event = domainEvent(complianceEvents.approvalDecided, entryId, decision('bob'), { userId: 'bob' });
    const forged = { ...event, data: decision('mallory') };
    await forge([['accounting', 'accounting-approvals']], forged, event, compliance);
    expect(await status()).toBe('PENDING_APPROVAL');

    await publishSignedEvent(bus, event, { keyring: compliance, msgID: randomUUID() });
    expect(await eventually(status, (s) => s === 'POSTED')).toBe('POSTED');
    await auditedAs(event, compliance);
  }, 60_000);

  it('a legal hold released: the document stays held, until compliance itself releases it', async () => {
    const officer = await client('olivia', ['compliance_officer']);
    const uploaded = await officer.query(
      'mutation($i: UploadDocumentInput!) { uploadDocument(input: $i) { id } }',
      {
        i: {
          title: 'Supplier correspondence',
          mimeType: 'text/plain',
          contentBase64: Buffer.from('The parties agree.').toString('base64'),
          documentType: 'correspondence',
        },
      },
    );
    const documentId = uploaded.data.uploadDocument.id as string;
    const hold = await officer.query(
      'mutation($d: ID!) { placeLegalHold(documentId: $d, reason: "Dispute 2026-14") { id active } }',
      { d: documentId },
    );
    expect(hold.data.placeLegalHold.active).toBe(true);
    const holdId = hold.data.placeLegalHold.id as string;
    const released = async () =>
      (await rows('documents', 'SELECT released_at FROM legal_hold WHERE id = $1', [holdId]))[0].released_at;

    const data = { legalHoldId: holdId, documentId, reason: 'Dispute 2026-14', placedBy: 'olivia' };
    const event = domainEvent(complianceEvents.legalHoldReleased, holdId, data, { userId: 'olivia' });
    const forged = { ...event, data: { ...data, placedBy: 'mallory' } };
    await forge([['documents', 'documents-legal-holds']], forged, event, compliance);
    expect(await released()).toBeNull();
    const DELETE = 'mutation($d: ID!) { deleteDocument(id: $d) }';
    expect((await officer.query(DELETE, { d: documentId })).errors?.[0].extensions?.code).toBe('CONFLICT');

    await publishSignedEvent(bus, event, { keyring: compliance, msgID: randomUUID() });
    expect(await eventually(released, (r) => r !== null)).not.toBeNull();
    expect((await officer.query(DELETE, { d: documentId })).data?.deleteDocument).toBe(true);
    await auditedAs(event, compliance);
  }, 60_000);

  it('a watermark with a huge number: no gap, no replay request, and counted as refused', async () => {
    const huge = JSON.stringify({ source: 'hr', subjects: { [hrEvents.employeeHired.type]: 9_000_000_000 } });
    const subject = watermarkSubject(bus.prefix, 'hr');
    const refusedWatermarks = async () => {
      const text = await (
        await fetch(`${whole.platform.processes.find((p) => p.name === 'it')?.origin}/metrics`)
      ).text();
      const line = text
        .split('\n')
        .find((l) => l.startsWith('backoffice_events_refused{') && l.includes('kind="watermark"'));
      return Number(line?.split(' ').at(-1) ?? 0);
    };
    // Core NATS keeps nothing for a subscriber that is not there: sent until it counts them.
    const counted = await eventually(
      async () => {
        bus.nc.publish(subject, huge);
        bus.nc.publish(subject, huge, { headers: signMessage(documents, 'watermark', 'hr', huge) });
        return refusedWatermarks();
      },
      (n) => n >= 2,
    );
    expect(counted).toBeGreaterThanOrEqual(2);
    for (const s of ['it', 'documents', 'compliance'] as const)
      expect(
        await rows(s, 'SELECT consumer, known_max FROM consumer_sequence WHERE known_max > 1000000'),
        s,
      ).toEqual([]);
  }, 60_000);

  it('a replay request signed by no platform key is refused, and the refusal is signed by hr', async () => {
    const rogue = createKeyring('it', generateSigningKey().signingKey, new Map());
    const { request, body, headers } = replayRequest(rogue, hrEvents.employeeHired.type, 1, 10);
    const reply = await bus.nc.request(replaySubject(bus.prefix, 'hr'), body, { timeout: 5_000, headers });
    expect(JSON.parse(reply.string())).toEqual({
      republished: 0,
      missing: [],
      error: 'replay request not signed by a platform service',
    });
    expect(
      checkSignature(testKeyring('it'), 'hr', 'replay-reply', request.nonce, reply.data, reply.headers).ok,
    ).toBe(true);
    const unsigned = await bus.nc.request(replaySubject(bus.prefix, 'hr'), body, { timeout: 5_000 });
    expect(JSON.parse(unsigned.string()).error).toBe('replay request not signed by a platform service');
    expect(unsigned.headers?.get(SIGNATURE_HEADER)).toBeTruthy();
  });
});
