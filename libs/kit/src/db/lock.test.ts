import { randomUUID } from 'node:crypto';
import { Column, type DataSource, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { LoaderRegistry, byIdLoader } from '../graphql/loaders.js';
import { dropTestDatabases, newTestRun } from '@backoffice/testkit';
import { openDatabase } from './database.js';
import { lockById } from './lock.js';

/** The kit's by-id plumbing against a real Postgres: a uuid-keyed table and a text-keyed one. */
@Entity('parcel')
class Parcel {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) label: string;
}

@Entity('locker')
class Locker {
  @PrimaryColumn({ name: 'locker_code', type: 'text' }) code: string;
  @Column({ type: 'int' }) opened: number;
}

class Parcels1700000000001 implements MigrationInterface {
  name = 'Parcels1700000000001';
  async up(q: QueryRunner) {
    await q.query('CREATE TABLE parcel (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), label text NOT NULL)');
    await q.query('CREATE TABLE locker (locker_code text PRIMARY KEY, opened int NOT NULL)');
  }
  async down(q: QueryRunner) {
    await q.query('DROP TABLE parcel, locker');
  }
}

const run = newTestRun();
let db: DataSource;
let parcels: Parcel[];

beforeAll(async () => {
  db = await openDatabase({
    serverUrl: run.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    database: `backoffice_kit_t${run.id}`,
    entities: [Parcel, Locker],
    migrations: [Parcels1700000000001],
    poolSize: 4,
  });
  parcels = await db.getRepository(Parcel).save([{ label: 'first' }, { label: 'second' }]);
  await db.getRepository(Locker).save({ code: 'L-1', opened: 0 });
});

afterAll(async () => {
  await db?.destroy();
  await dropTestDatabases(run.id, run.env.DATABASE_URL);
});

const refusal = async (pending: Promise<unknown>): Promise<DomainError> => {
  const e = await pending.then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
};

describe('lockById', () => {
  it('answers the row inside the transaction', async () => {
    const row = await db.transaction((em) => lockById(em, Parcel, parcels[0].id));
    expect(row).toMatchObject({ id: parcels[0].id, label: 'first' });
  });

  it('refuses a missing row, and an id that is no UUID, with the contract’s NOT_FOUND', async () => {
    const absent = randomUUID();
    const missing = await refusal(db.transaction((em) => lockById(em, Parcel, absent)));
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: `Parcel ${absent} does not exist` });
    expect(missing.field).toBeUndefined();
    const garbled = await refusal(
      db.transaction((em) => lockById(em, Parcel, 'nope', { name: 'Box', field: 'parcelId' })),
    );
    expect(garbled).toMatchObject({
      code: 'NOT_FOUND',
      message: 'Box nope does not exist',
      field: 'parcelId',
    });
  });

  it('keys by the primary column whatever its name and type', async () => {
    const locker = await db.transaction((em) => lockById(em, Locker, 'L-1'));
    expect(locker.code).toBe('L-1');
    const missing = await refusal(db.transaction((em) => lockById(em, Locker, 'L-2')));
    expect(missing.message).toBe('Locker L-2 does not exist');
  });

  it('holds a second transaction until the first one ends, which then sees its change', async () => {
    const { id } = await db.getRepository(Parcel).save({ label: 'third' });
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    let locked = () => {};
    const lockTaken = new Promise<void>((resolve) => {
      locked = resolve;
    });
    const first = db.transaction(async (em) => {
      const row = await lockById(em, Parcel, id);
      locked();
      await held;
      row.label = 'relabelled';
      await em.save(row);
    });
    await lockTaken;
    let secondSaw: string | undefined;
    const second = db.transaction(async (em) => {
      secondSaw = (await lockById(em, Parcel, id)).label;
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondSaw).toBeUndefined();
    release();
    await Promise.all([first, second]);
    expect(secondSaw).toBe('relabelled');
  });
});

describe('byIdLoader', () => {
  it('answers in the order asked, null for a missing or malformed id, from one loader per request', async () => {
    const ctx = { loaders: new LoaderRegistry() };
    const loader = byIdLoader(ctx, db, Parcel);
    expect(byIdLoader(ctx, db, Parcel)).toBe(loader);
    const ids = [parcels[1].id, randomUUID(), 'not-a-uuid', parcels[0].id];
    const rows = await Promise.all(ids.map((id) => loader.load(id)));
    expect(rows.map((r) => r?.label ?? null)).toEqual(['second', null, null, 'first']);
    // Another entity has a loader of its own, keyed by its own primary column.
    const lockers = await byIdLoader(ctx, db, Locker).loadMany(['L-9', 'L-1']);
    expect(lockers.map((l) => (l as Locker | null)?.code ?? null)).toEqual([null, 'L-1']);
  });
});
