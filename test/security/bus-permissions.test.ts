import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Bus, connectBus, ensureStream, StreamMissingError } from '@backoffice/kit';
import {
  EVENT_ROOT,
  allEvents,
  compliance as complianceEvents,
  eventsOf,
  hr as hrEvents,
} from '@backoffice/events';
import { ensureInfrastructure, type Infrastructure } from '../../scripts/infra.js';
import type { BusLogins } from '../../scripts/lib/bus-access.js';
import type { BusUser } from '../../scripts/lib/bus-permissions.js';
import { freePort } from '@backoffice/testkit';

/**
 * The bus's permissions, enforced by a real nats-server 2.9 started the way `pnpm start` starts its
 * own (scripts/infra.ts: the generated users, their permissions and the provisioned stream), on a
 * free loopback port with its store in a temp dir. Every refusal is shown twice: the server says
 * "permissions violation", and what the attempt was after did not happen.
 */
const SHARED_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const STREAM = 'BACKOFFICE';
let dataDir: string;
let infra: Infrastructure;
let logins: BusLogins;
const open: Bus[] = [];

/** A connection as `user`, the way a service connects (its inbox, read-only stream check). */
async function as(user: BusUser, password = logins[user].password): Promise<Bus & { refusals: string[] }> {
  const bus = await connectBus({
    url: infra.natsUrl,
    stream: STREAM,
    prefix: '',
    name: user,
    credentials: { user, password },
  });
  open.push(bus);
  // The server answers a refused publish or subscribe with -ERR 'Permissions Violation for ...'.
  const refusals: string[] = [];
  (async () => {
    for await (const s of bus.nc.status())
      if (s.type === 'error' && /permissions violation/i.test(s.error.message))
        refusals.push(s.error.message);
  })().catch(() => undefined);
  return Object.assign(bus, { refusals });
}

async function refusedFor(bus: { refusals: string[] }, subject: string): Promise<string | undefined> {
  const deadline = Date.now() + 5_000;
  for (;;) {
    const hit = bus.refusals.find((r) => r.includes(`"${subject}"`));
    if (hit || Date.now() > deadline) return hit;
    await new Promise((r) => setTimeout(r, 20));
  }
}

let ops: Bus;
async function storedOn(subject: string): Promise<number> {
  const info = await ops.jsm.streams.info(STREAM, { subjects_filter: subject });
  return Object.values(info.state.subjects ?? {}).reduce((a, b) => a + b, 0);
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'backoffice-bus-permissions-'));
  chmodSync(dataDir, 0o755);
  infra = await ensureInfrastructure({
    dataDir,
    databaseUrl: SHARED_DATABASE_URL,
    // Nothing answers here, so it starts its own nats-server exactly as `pnpm start` would.
    natsUrl: `nats://127.0.0.1:${await freePort()}`,
    natsPort: await freePort(),
    busScope: { stream: STREAM, prefix: '' },
    retentionDays: 7,
  });
  if (!infra.natsLogins) throw new Error('ensureInfrastructure did not start its own nats-server');
  logins = infra.natsLogins;
  ops = await as('ops');
});

afterAll(async () => {
  for (const bus of open) await bus.nc.close().catch(() => undefined);
  await infra?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('connecting', () => {
  it('refuses a connection without credentials, with a wrong password, or with another user’s password', async () => {
    const attempt = (credentials?: { user: string; password: string }) =>
      connectBus({ url: infra.natsUrl, stream: STREAM, prefix: '', name: 'intruder', credentials }).then(
        (bus) => {
          open.push(bus);
          return 'connected';
        },
        (e: Error) => e.message,
      );
    expect(await attempt()).toMatch(/authorization/i);
    expect(await attempt({ user: 'hr', password: 'guessed' })).toMatch(/authorization/i);
    expect(await attempt({ user: 'accounting', password: logins.hr.password })).toMatch(/authorization/i);
  });

  it('the stream is provisioned by ops, with max_age = OUTBOX_RETENTION_DAYS; a service only reads its settings', async () => {
    const info = await ops.jsm.streams.info(STREAM);
    expect(info.config.subjects).toEqual([allEvents.subject]);
    expect(info.config.max_age).toBe(7 * 86_400 * 1_000_000_000);
    // hr connects with a read-only check of the stream; it may not create or change one.
    const hr = await as('hr');
    await expect(
      ensureStream(hr.jsm, STREAM, '', { retentionDays: 1, provision: false }),
    ).resolves.toBeUndefined();
    expect((await ops.jsm.streams.info(STREAM)).config.max_age).toBe(7 * 86_400 * 1_000_000_000);
    for (const attempt of [
      () => hr.jsm.streams.add({ name: 'ELSEWHERE', subjects: ['elsewhere.>'] }),
      () => hr.jsm.streams.update(STREAM, { ...info.config, max_age: 0 }),
      () => hr.jsm.streams.purge(STREAM),
    ])
      await expect(attempt()).rejects.toThrow(/permissions violation/i);
    expect((await ops.jsm.streams.info(STREAM)).config.max_age).toBe(7 * 86_400 * 1_000_000_000);
    // Another stream name than its permissions are written for: a clear error, not a hang.
    const elsewhere = await connectBus({
      url: infra.natsUrl,
      stream: 'ELSEWHERE',
      prefix: '',
      name: 'hr',
      credentials: { user: 'hr', password: logins.hr.password },
    }).catch((e: Error) => e);
    expect((elsewhere as Error).message).toMatch(/may not read the stream ELSEWHERE/);
    // A stream nobody provisioned: the error says who does.
    const missing = await ensureStream(ops.jsm, 'MISSING', '', { provision: false }).catch((e: Error) => e);
    expect(missing).toBeInstanceOf(StreamMissingError);
    expect((missing as Error).message).toMatch(/pnpm ops:stream/);
  });
});

describe('hr speaks only for hr', () => {
  it('publishes its own events', async () => {
    const hr = await as('hr');
    const ack = await hr.js.publish(hrEvents.employeeHired.type, JSON.stringify({ who: 'hr' }));
    expect(ack.stream).toBe(STREAM);
    expect(await storedOn(hrEvents.employeeHired.type)).toBeGreaterThanOrEqual(1);
  });

  it.each([
    complianceEvents.approvalDecided.type,
    `${EVENT_ROOT}.documents.x.y`,
    complianceEvents.legalHoldReleased.type,
  ])('is refused publishing %s, and nothing is stored', async (subject) => {
    const hr = await as('hr');
    hr.nc.publish(subject, JSON.stringify({ forged: true }));
    await hr.nc.flush();
    expect(await refusedFor(hr, subject)).toMatch(/permissions violation for publish/i);
    expect(await storedOn(subject)).toBe(0);
  });

  it('is refused announcing a watermark for another service; its own arrives', async () => {
    const hr = await as('hr');
    const heard: string[] = [];
    const sub = ops.nc.subscribe('_backoffice.watermark.*', {
      callback: (_e, m) => {
        heard.push(m.subject);
      },
    });
    await ops.nc.flush();
    hr.nc.publish('_backoffice.watermark.compliance', JSON.stringify({ subjects: { x: 1e12 } }));
    hr.nc.publish('_backoffice.watermark.hr', JSON.stringify({ subjects: {} }));
    await hr.nc.flush();
    expect(await refusedFor(hr, '_backoffice.watermark.compliance')).toBeDefined();
    for (let i = 0; i < 250 && heard.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    sub.unsubscribe();
    // The server handles one connection's messages in order: the forged one would have come first.
    expect(heard).toEqual(['_backoffice.watermark.hr']);
  });

  it('cannot listen to events or another service’s inbox', async () => {
    const hr = await as('hr');
    for (const subject of [allEvents.subject, '_INBOX.>', '_INBOX.it.>', '_backoffice.replay.compliance'])
      hr.nc.subscribe(subject);
    await hr.nc.flush();
    for (const subject of [allEvents.subject, '_INBOX.>', '_INBOX.it.>', '_backoffice.replay.compliance'])
      expect(await refusedFor(hr, subject), subject).toMatch(/permissions violation for subscription/i);
  });
});

describe('consumers: a service reads only through its own durables, with their own filters', () => {
  it('a service creates and reads its own durable', async () => {
    const it_ = await as('it');
    await it_.jsm.consumers.add(STREAM, {
      durable_name: 'it-onboarding',
      filter_subject: hrEvents.employeeHired.type,
      ack_policy: 'explicit' as never,
    });
    const consumer = await it_.js.consumers.get(STREAM, 'it-onboarding');
    expect((await consumer.info()).config.filter_subject).toBe(hrEvents.employeeHired.type);
  });

  it('is refused creating a durable named for another service', async () => {
    const documents = await as('documents');
    const subject = `$JS.API.CONSUMER.CREATE.${STREAM}.accounting-x.${complianceEvents.approvalDecided.type}`;
    documents.nc.publish(
      subject,
      JSON.stringify({
        stream_name: STREAM,
        config: {
          durable_name: 'accounting-x',
          filter_subject: complianceEvents.approvalDecided.type,
          ack_policy: 'explicit',
        },
      }),
    );
    await documents.nc.flush();
    expect(await refusedFor(documents, subject)).toBeDefined();
    await expect(ops.jsm.consumers.info(STREAM, 'accounting-x')).rejects.toThrow(/consumer not found/i);
  });

  it('is refused reading or draining another service’s durable', async () => {
    const documents = await as('documents');
    const attempts = [
      `$JS.API.CONSUMER.INFO.${STREAM}.it-onboarding`,
      `$JS.API.CONSUMER.MSG.NEXT.${STREAM}.it-onboarding`,
      `$JS.API.CONSUMER.DELETE.${STREAM}.it-onboarding`,
    ];
    const before = await ops.jsm.consumers.info(STREAM, 'it-onboarding');
    for (const subject of attempts)
      documents.nc.publish(subject, JSON.stringify({ batch: 10 }), { reply: '_INBOX.documents.steal' });
    await documents.nc.flush();
    for (const subject of attempts) expect(await refusedFor(documents, subject), subject).toBeDefined();
    const after = await ops.jsm.consumers.info(STREAM, 'it-onboarding');
    expect(after.delivered.stream_seq).toBe(before.delivered.stream_seq);
    expect(after.num_pending).toBe(before.num_pending);
  });

  it('cannot create even its own durable with a filter it should not read, by any of the API’s forms', async () => {
    const documents = await as('documents');
    const body = (filter: string) =>
      JSON.stringify({
        stream_name: STREAM,
        config: { durable_name: 'documents-employees', filter_subject: filter, ack_policy: 'explicit' },
      });
    const forms = [
      // The filter named in the subject: not the one documents-employees is allowed.
      `$JS.API.CONSUMER.CREATE.${STREAM}.documents-employees.${complianceEvents.approvalDecided.type}`,
      // No filter in the subject (2.9 would then take any filter from the body).
      `$JS.API.CONSUMER.CREATE.${STREAM}.documents-employees`,
      // The legacy durable form, which never names the filter.
      `$JS.API.CONSUMER.DURABLE.CREATE.${STREAM}.documents-employees`,
      // An ephemeral consumer, or reading stored messages directly by sequence.
      `$JS.API.CONSUMER.CREATE.${STREAM}`,
      `$JS.API.STREAM.MSG.GET.${STREAM}`,
      `$JS.API.DIRECT.GET.${STREAM}`,
    ];
    for (const subject of forms) documents.nc.publish(subject, body(complianceEvents.approvalDecided.type));
    await documents.nc.flush();
    for (const subject of forms) expect(await refusedFor(documents, subject), subject).toBeDefined();
    await expect(ops.jsm.consumers.info(STREAM, 'documents-employees')).rejects.toThrow(
      /consumer not found/i,
    );
  });

  it('the allowed subject with another filter in the body is refused by the server itself', async () => {
    const documents = await as('documents');
    const reply = await documents.nc.request(
      `$JS.API.CONSUMER.CREATE.${STREAM}.documents-employees.backoffice.hr.employee.*`,
      JSON.stringify({
        stream_name: STREAM,
        config: {
          durable_name: 'documents-employees',
          filter_subject: allEvents.subject,
          ack_policy: 'explicit',
        },
      }),
    );
    expect(JSON.parse(new TextDecoder().decode(reply.data)).error?.description).toMatch(/filtered subject/i);
    await expect(ops.jsm.consumers.info(STREAM, 'documents-employees')).rejects.toThrow(
      /consumer not found/i,
    );
  });

  it('a wildcard in an allowed filter is no way out of it', async () => {
    const documents = await as('documents');
    // documents-employees may read backoffice.hr.employee.*; these filters would read more.
    const wider = [`${EVENT_ROOT}.*.>`, allEvents.subject, eventsOf('hr'), `${EVENT_ROOT}.*.employee.*`];
    for (const filter of wider)
      documents.nc.publish(
        `$JS.API.CONSUMER.CREATE.${STREAM}.documents-employees.${filter}`,
        JSON.stringify({
          stream_name: STREAM,
          config: { durable_name: 'documents-employees', filter_subject: filter },
        }),
      );
    await documents.nc.flush();
    for (const filter of wider)
      expect(
        await refusedFor(documents, `$JS.API.CONSUMER.CREATE.${STREAM}.documents-employees.${filter}`),
        filter,
      ).toBeDefined();
    await expect(ops.jsm.consumers.info(STREAM, 'documents-employees')).rejects.toThrow(
      /consumer not found/i,
    );
  });
});
