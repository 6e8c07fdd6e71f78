import {
  dropTestDatabases,
  eventually as pollUntil,
  freePort,
  freeServicePorts,
  type GraphQLClient,
  graphqlClient,
  mintToken,
  type Platform,
  type ProcessName,
  startPlatform,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyId, privateKeyFrom, SERVICE_NAMES, type ServiceName } from '@backoffice/kit';
import { documents as documentsEvents, hr as hrEvents } from '@backoffice/events';
import { ensureInfrastructure, type Infrastructure } from '../../scripts/infra.js';
import { ensureKeys, type KeyFiles, keyEnv } from '../../scripts/keys.js';
import { busLoginEnv } from '../../scripts/lib/bus-access.js';

/**
 * The start-up path with signatures and credentials on: the whole platform, as `pnpm start` runs it,
 * against a nats-server of its own that has a user per service and the generated permissions
 * (scripts/infra.ts, the same code path), every service connecting as its own user and signing with
 * its own freshly generated key (SIGNING_KEY_FILE, TRUSTED_KEYS_FILE; not the repo's dev keys). The
 * cross-service flows still work, nothing is refused for a missing permission or signature, and the
 * audit trail names the producer each event was verified against.
 */
const SHARED_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runId = uniqueRunId();
const env = testEnv(runId);
const scope = { stream: env.EVENTS_STREAM, prefix: env.EVENTS_SUBJECT_PREFIX };

let dataDir: string;
let infra: Infrastructure;
let keys: KeyFiles;
let platform: Platform;
/** Every line each process printed, and the nats-server's own log: where a refusal would show. */
const output: { name: ProcessName; line: string }[] = [];
const serverLog: string[] = [];
const client = async (sub: string, roles: string[], employeeId?: string) =>
  graphqlClient(platform.gatewayUrl, await mintToken({ sub, roles, employeeId }));

/** Polls until `ok` holds or the deadline passes; the caller's assertion then says what was missing. */
// The kit's poll, with the 20 s these cross-process flows are given.
const eventually = <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000) => pollUntil(fn, ok, ms);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'backoffice-permissioned-bus-'));
  infra = await ensureInfrastructure({
    dataDir,
    databaseUrl: SHARED_DATABASE_URL,
    // Nothing answers there, so it starts its own nats-server with users, as `pnpm start` does.
    natsUrl: `nats://127.0.0.1:${await freePort()}`,
    natsPort: await freePort(),
    busScope: scope,
    retentionDays: 7,
    serverLog: (line) => serverLog.push(line),
  });
  if (!infra.natsLogins || !infra.started.nats)
    throw new Error('ensureInfrastructure did not start its own nats-server');
  const logins = infra.natsLogins;
  keys = ensureKeys(path.join(dataDir, 'keys'));
  const processEnv: Partial<Record<ProcessName, NodeJS.ProcessEnv>> = { gateway: keyEnv(keys, 'gateway') };
  for (const name of SERVICE_NAMES)
    processEnv[name] = { ...keyEnv(keys, name), ...busLoginEnv(logins[name]) };
  const [gateway, servicePorts] = await Promise.all([freePort(), freeServicePorts()]);
  platform = await startPlatform({
    env: {
      ...env,
      DATABASE_URL: infra.databaseUrl,
      NATS_URL: infra.natsUrl,
      // Info, so the sink below sees the processes talk; a refused operation is logged as an error.
      LOG_LEVEL: 'info',
      APPROVAL_THRESHOLD: '1000',
      // Watermarks cross the bus (and its permissions) several times while the test runs.
      WATERMARK_EVERY_MS: '500',
    },
    processEnv,
    gatewayPort: gateway,
    servicePorts,
    log: (name, line) => output.push({ name: name as ProcessName, line }),
    readyTimeoutMs: 90_000,
  });
}, 150_000);

afterAll(async () => {
  await platform?.stop();
  await infra?.stop();
  await dropTestDatabases(runId, SHARED_DATABASE_URL);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

const AUDIT = `query($f: AuditFilter) { auditTrail(filter: $f, first: 100) {
  edges { node { type source subject producer producerKeyId } } } }`;
type AuditNode = { type: string; source: string; subject: string; producer: string; producerKeyId: string };
async function audit(officer: GraphQLClient, filter: Record<string, string>): Promise<AuditNode[]> {
  const r = await officer.query(AUDIT, { f: filter });
  expect(r.errors).toBeUndefined();
  return r.data.auditTrail.edges.map((e: { node: AuditNode }) => e.node);
}
const kidOf = (service: ServiceName) =>
  keyId(privateKeyFrom(readFileSync(keys.signingKeyFiles[service], 'utf8')));

describe('the platform on a bus with a user per service', () => {
  let employeeId: string;

  it('hires: it opens the onboarding ticket, compliance records hr as the producer, documents learns the employee', async () => {
    const hr = await client('pat', ['hr']);
    const dept = await hr.query(
      'mutation { createDepartment(input: { name: "Service desk", costCenter: "SD-1" }) { id } }',
    );
    expect(dept.errors).toBeUndefined();
    const hired = await hr.query(
      'mutation($input: HireEmployeeInput!) { hireEmployee(input: $input) { id } }',
      {
        input: {
          givenName: 'Katherine',
          familyName: 'Johnson',
          email: 'katherine.johnson@example.com',
          departmentId: dept.data.createDepartment.id,
          startDate: '2027-04-01',
          workLocation: 'OFFICE',
          contract: { monthlySalary: '5400.00', currency: 'EUR', fte: 1 },
        },
      },
    );
    expect(hired.errors).toBeUndefined();
    employeeId = hired.data.hireEmployee.id;

    const self = await client('katherine', ['employee'], employeeId);
    const TICKETS = 'query($id: ID!) { employee(id: $id) { tickets { category title } } }';
    const tickets = await eventually(
      async () => (await self.query(TICKETS, { id: employeeId })).data?.employee?.tickets ?? [],
      (list: unknown[]) => list.length > 0,
    );
    expect(tickets).toEqual([expect.objectContaining({ category: 'ONBOARDING' })]);

    const officer = await client('olivia', ['compliance_officer']);
    const recorded = await eventually(
      () => audit(officer, { type: hrEvents.employeeHired.type, subject: employeeId }),
      (list) => list.length > 0,
    );
    // Verified against the key hr was given in this run's files, not the repo's dev key.
    expect(recorded).toEqual([
      expect.objectContaining({ source: '/backoffice/hr', producer: 'hr', producerKeyId: kidOf('hr') }),
    ]);

    // documents files a document for an owner only once hr's event has told it the employee exists.
    const FILE = 'mutation($i: UploadDocumentInput!) { uploadDocument(input: $i) { id } }';
    const contract = {
      i: {
        title: 'Signed employment contract',
        mimeType: 'text/plain',
        contentBase64: Buffer.from('Employment contract, Katherine Johnson').toString('base64'),
        ownerEmployeeId: employeeId,
        documentType: 'contract',
      },
    };
    const filed = await eventually(
      () => hr.query(FILE, contract),
      (r) => r.errors?.[0]?.extensions?.code !== 'NOT_FOUND',
    );
    expect(filed.errors).toBeUndefined();
    const uploaded = await eventually(
      () =>
        audit(officer, {
          type: documentsEvents.documentUploaded.type,
          subject: filed.data.uploadDocument.id,
        }),
      (list) => list.length > 0,
    );
    expect(uploaded).toEqual([
      expect.objectContaining({ producer: 'documents', producerKeyId: kidOf('documents') }),
    ]);
  }, 60_000);

  it('four eyes: accounting asks, compliance decides, accounting posts', async () => {
    const author = await client('alice', ['accountant']);
    const approver = await client('bob', ['controller']);
    const posted = await author.query(
      'mutation($i: PostJournalEntryInput!) { postJournalEntry(input: $i) { id status } }',
      {
        i: {
          date: '2026-11-02',
          description: 'Laptops for the new hires',
          lines: [
            { accountCode: '4500', debit: '3000.00' },
            { accountCode: '1100', credit: '3000.00' },
          ],
        },
      },
    );
    expect(posted.data?.postJournalEntry).toMatchObject({ status: 'PENDING_APPROVAL' });
    const entryId = posted.data.postJournalEntry.id;
    const approvals = await eventually(
      async () =>
        (
          await approver.query(
            'query($s: ID) { approvals(filter: { subjectType: "JournalEntry", subjectId: $s }) { id } }',
            { s: entryId },
          )
        ).data?.approvals ?? [],
      (list: { id: string }[]) => list.length > 0,
    );
    expect(approvals).toHaveLength(1);
    const decided = await approver.query(
      'mutation($id: ID!) { decideApproval(id: $id, approve: true, comment: "ok") { status } }',
      { id: approvals[0].id },
    );
    expect(decided.data?.decideApproval).toEqual({ status: 'APPROVED' });
    const entry = await eventually(
      async () =>
        (await author.query('query($id: ID!) { journalEntry(id: $id) { status } }', { id: entryId })).data
          ?.journalEntry,
      (e: { status: string } | undefined) => e?.status === 'POSTED',
    );
    expect(entry).toEqual({ status: 'POSTED' });
  }, 60_000);

  it('legal hold: compliance places and releases it, documents applies and lifts it', async () => {
    const officer = await client('olivia', ['compliance_officer']);
    const uploaded = await officer.query(
      'mutation($i: UploadDocumentInput!) { uploadDocument(input: $i) { id } }',
      {
        i: {
          title: 'Supplier correspondence',
          mimeType: 'text/plain',
          contentBase64: Buffer.from('The parties agree to deliver 40 laptops.').toString('base64'),
        },
      },
    );
    expect(uploaded.errors).toBeUndefined();
    const documentId = uploaded.data.uploadDocument.id;
    const hold = await officer.query(
      'mutation($d: ID!) { placeLegalHold(documentId: $d, reason: "Dispute 2026-7") { id active } }',
      { d: documentId },
    );
    expect(hold.data?.placeLegalHold).toMatchObject({ active: true });
    const DELETE = 'mutation($d: ID!) { deleteDocument(id: $d) }';
    expect((await officer.query(DELETE, { d: documentId })).errors?.[0].extensions?.code).toBe('CONFLICT');
    const released = await officer.query('mutation($h: ID!) { releaseLegalHold(id: $h) { active } }', {
      h: hold.data.placeLegalHold.id,
    });
    expect(released.data?.releaseLegalHold).toEqual({ active: false });
    expect((await officer.query(DELETE, { d: documentId })).data?.deleteDocument).toBe(true);
  }, 60_000);

  it('terminates: it opens the offboarding ticket', async () => {
    const hr = await client('pat', ['hr']);
    const ended = await hr.query(
      'mutation($id: ID!) { terminateEmployee(id: $id, endDate: "2027-12-31") { id } }',
      {
        id: employeeId,
      },
    );
    expect(ended.errors).toBeUndefined();
    const self = await client('katherine', ['employee'], employeeId);
    const TICKETS = 'query($id: ID!) { employee(id: $id) { tickets { category } } }';
    const tickets = await eventually(
      async () => (await self.query(TICKETS, { id: employeeId })).data?.employee?.tickets ?? [],
      (list: { category: string }[]) => list.length > 1,
    );
    expect(tickets.map((t: { category: string }) => t.category).sort()).toEqual([
      'OFFBOARDING',
      'ONBOARDING',
    ]);
  }, 60_000);
});

describe('after the flows: nothing refused, nobody spoke for another', () => {
  it('every entry in the audit trail was verified against the service named in its source', async () => {
    const officer = await client('olivia', ['compliance_officer']);
    const entries = await audit(officer, {});
    expect(entries.length).toBeGreaterThan(5);
    for (const e of entries) {
      const service = e.source.replace('/backoffice/', '') as ServiceName;
      expect(e, e.type).toMatchObject({ producer: service, producerKeyId: kidOf(service) });
    }
  });

  it('every subgraph is ready, and its metrics show events applied and none refused, parked or dead', async () => {
    type Readiness = { status: string; consumerLag?: Record<string, number | string> };
    const readiness = async (origin: string) => {
      const res = await fetch(`${origin}/ready`);
      return { status: res.status, body: (await res.json()) as Readiness };
    };
    for (const proc of platform.processes) {
      if (proc.name === 'gateway') {
        expect((await readiness(proc.origin)).status).toBe(200);
        continue;
      }
      // Lag counts the unacknowledged too: it reaches 0 only if every ack got through the permissions.
      const ready = await eventually(
        () => readiness(proc.origin),
        (r) => Object.values(r.body.consumerLag ?? {}).every((lag) => lag === 0),
      );
      expect(ready.status, proc.name).toBe(200);
      expect(ready.body, proc.name).toMatchObject({ status: 'ready', nats: 'up', database: 'up' });
      expect(
        Object.values(ready.body.consumerLag ?? {}).every((lag) => lag === 0),
        proc.name,
      ).toBe(true);
      const metrics = await (await fetch(`${proc.origin}/metrics`)).text();
      const samples = metrics.split('\n').filter((l) => l && !l.startsWith('#'));
      const value = (l: string) => Number(l.slice(l.lastIndexOf(' ') + 1));
      const bad = samples.filter(
        (l) =>
          (l.startsWith('backoffice_events_refused') ||
            l.startsWith('backoffice_dead_letters') ||
            (l.startsWith('backoffice_consumer_events') && /result="(refused|parked)"/.test(l))) &&
          value(l) !== 0,
      );
      expect(bad, proc.name).toEqual([]);
      // hr reads nothing; every other service applied events it was sent, so the counters are live.
      const applied = samples
        .filter((l) => l.startsWith('backoffice_consumer_events') && l.includes('result="applied"'))
        .reduce((sum, l) => sum + value(l), 0);
      if (proc.name !== 'hr') expect(applied, proc.name).toBeGreaterThan(0);
    }
  });

  it('no process and not the nats-server reported a refused operation', () => {
    const refusal = /permissions? violation|authorization violation|nats refused an operation/i;
    expect(output.filter((o) => refusal.test(o.line))).toEqual([]);
    expect(serverLog.filter((l) => /violation/i.test(l))).toEqual([]);
    // The log sink is wired: the processes did print (their start lines at least).
    expect(output.length).toBeGreaterThan(0);
  });
});
