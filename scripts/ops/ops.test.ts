import { CONSUMERS, hr } from '@backoffice/events';
import {
  type Bus,
  connectBus,
  createLogger,
  domainEvent,
  EventConsumer,
  loadKeyring,
  openDatabase,
  SERVICE_NAMES,
} from '@backoffice/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  deleteTestStream,
  dropTestDatabases,
  publishSignedEvent,
  testEnv,
  uniqueRunId,
} from '@backoffice/testkit';
import { formatDeadLetters, listDeadLetters, main as listMain } from './dead-letters.js';
import { main as replayMain, replayDeadLetter } from './replay.js';

/**
 * The operator's loop on a real consumer: an event keeps failing and is parked, `dead-letters`
 * shows it with its error, the cause is fixed, `replay` puts it back and the consumer applies it;
 * replaying it once more changes nothing.
 */
const DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const runId = uniqueRunId();
const env: Record<string, string> = {
  ...testEnv(runId),
  DATABASE_URL,
  NATS_URL: process.env.NATS_URL ?? 'nats://127.0.0.1:4222',
};
const log = createLogger('ops-test', 'silent');
const TYPE = hr.employeeHired.type;

// typeorm does not resolve from scripts/; a migration is anything with up and down.
type Queries = { query(sql: string): Promise<unknown> };
class Applied1764202100000 {
  name = 'Applied1764202100000';
  async up(q: Queries) {
    await q.query('CREATE TABLE applied (event_id text NOT NULL, employee_id text NOT NULL)');
  }
  async down(q: Queries) {
    await q.query('DROP TABLE applied');
  }
}

type Database = Awaited<ReturnType<typeof openDatabase>>;
let it_: Database;
let documents: Database;
let bus: Bus;
let consumer: EventConsumer;
let broken = true;

async function until<T>(read: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (ok(v) || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Captures what a CLI `main` writes, and its exit code. */
async function cli(main: (argv: string[]) => Promise<number>, argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const write = { out: process.stdout.write, err: process.stderr.write };
  process.stdout.write = ((s: string) => out.push(s) > 0) as typeof process.stdout.write;
  process.stderr.write = ((s: string) => err.push(s) > 0) as typeof process.stderr.write;
  const saved = { ...process.env };
  Object.assign(process.env, env);
  try {
    return { code: await main(argv), stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.stdout.write = write.out;
    process.stderr.write = write.err;
    for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
    Object.assign(process.env, saved);
  }
}

beforeAll(async () => {
  it_ = await openDatabase({
    serverUrl: DATABASE_URL,
    database: `backoffice_it${env.DATABASE_SUFFIX}`,
    entities: [],
    migrations: [Applied1764202100000],
    log,
  });
  documents = await openDatabase({
    serverUrl: DATABASE_URL,
    database: `backoffice_documents${env.DATABASE_SUFFIX}`,
    entities: [],
    migrations: [],
    log,
  });
  bus = await connectBus({
    url: env.NATS_URL,
    stream: env.EVENTS_STREAM,
    prefix: env.EVENTS_SUBJECT_PREFIX,
    name: 'ops-test',
    log,
  });
  consumer = new EventConsumer({
    bus,
    dataSource: it_,
    log,
    keyring: loadKeyring('it', 'test', {}),
    maxDeliveries: 2,
    handler: {
      consumer: CONSUMERS.it.onboarding,
      async handle(event, { em }) {
        if (broken) throw new Error('checklist template missing for department "Research"');
        await em.query('INSERT INTO applied (event_id, employee_id) VALUES ($1, $2)', [
          event.id,
          event.data.employeeId,
        ]);
      },
    },
  });
  await consumer.start();
});

afterAll(async () => {
  await consumer?.stop();
  await bus?.nc.close();
  await it_?.destroy();
  await documents?.destroy();
  await dropTestDatabases(runId, DATABASE_URL);
  await deleteTestStream(env.EVENTS_STREAM, env.NATS_URL);
});

describe('ops:dead-letters and ops:replay', () => {
  it('lists a parked event with its error, replays it after the fix, and a second replay changes nothing', async () => {
    const event = domainEvent(hr.employeeHired, 'e-1', {
      employeeId: 'e-1',
      givenName: 'Ada',
      familyName: 'Lovelace',
      email: 'ada@example.com',
      departmentId: 'd-1',
      departmentName: 'Research',
      costCenter: 'CC-1',
      managerId: null,
      startDate: '2026-01-05',
      workLocation: 'OFFICE',
      workCountry: 'NL',
    });
    await publishSignedEvent(bus, event);
    // Another service's parked event, to see that the list spans every service database.
    await documents.query(
      `INSERT INTO dead_letter (consumer, event_id, subject, payload, error, deliveries)
       VALUES ('documents-retention', 'x-1', 'x', '{}', 'no retention rule', 5)`,
    );
    const parked = await until(
      () => listDeadLetters({ env, service: 'it' }),
      (r) => r.parked.length > 0,
    );
    expect(parked.parked).toEqual([
      expect.objectContaining({
        service: 'it',
        consumer: 'it-onboarding',
        eventId: event.id,
        subject: `${bus.prefix}${TYPE}`,
        error: 'checklist template missing for department "Research"',
        deliveries: 2,
        replayedAt: null,
      }),
    ]);

    const all = await listDeadLetters({ env });
    expect(all.parked.map((d) => `${d.service}:${d.consumer}`).sort()).toEqual([
      'documents:documents-retention',
      'it:it-onboarding',
    ]);
    // Only documents' and it's databases exist here: every other service is reported missing.
    expect(all.missing.sort()).toEqual(SERVICE_NAMES.filter((s) => s !== 'documents' && s !== 'it').sort());
    const text = formatDeadLetters(all);
    expect(text).toContain(`it #${parked.parked[0].id}  it-onboarding`);
    expect(text).toContain('error:   checklist template missing');
    expect(text).toContain('pnpm ops:replay <id> --service <service>');

    // The fix, then the replay through the command line.
    broken = false;
    const id = parked.parked[0].id;
    const replayed = await cli(replayMain, [id, '--service', 'it']);
    expect(replayed).toMatchObject({ code: 0, stderr: '' });
    expect(replayed.stdout).toContain(`replayed it #${id} (event ${event.id})`);
    const applied = await until(
      () => it_.query('SELECT employee_id FROM applied') as Promise<{ employee_id: string }[]>,
      (rows) => rows.length > 0,
    );
    expect(applied).toEqual([{ employee_id: 'e-1' }]);
    const open = await listDeadLetters({ env, service: 'it' });
    expect(open.parked).toEqual([]);
    const history = await listDeadLetters({ env, service: 'it', includeReplayed: true });
    expect(history.parked[0].replayedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    // Replaying again needs --force, and then the inbox absorbs it.
    const refused = await cli(replayMain, [id, '--service', 'it']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('already replayed');
    const duplicatesBefore = consumer.duplicates;
    await replayDeadLetter({ id, service: 'it', force: true, env });
    await until(
      async () => consumer.duplicates,
      (d) => d > duplicatesBefore,
    );
    expect(consumer.duplicates).toBe(duplicatesBefore + 1);
    expect(await it_.query('SELECT employee_id FROM applied')).toHaveLength(1);
  });

  it('answers usage errors and unknown ids plainly', async () => {
    expect((await cli(listMain, ['--service', 'payroll'])).stderr).toContain('unknown service "payroll"');
    expect((await cli(listMain, ['--bogus'])).code).toBe(2);
    const json = await cli(listMain, ['--service', 'documents', '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ service: 'documents', error: 'no retention rule' }),
    ]);
    expect((await cli(replayMain, ['1'])).code).toBe(2);
    const missing = await cli(replayMain, ['999999', '--service', 'it']);
    expect(missing).toMatchObject({ code: 1 });
    expect(missing.stderr).toContain('no parked event #999999 in it');
    expect((await cli(replayMain, ['1; drop table x', '--service', 'it'])).stderr).toContain(
      'not a dead-letter id',
    );
  });
});
