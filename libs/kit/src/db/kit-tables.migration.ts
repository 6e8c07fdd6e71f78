import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables every service has for the shared mechanisms: the transactional outbox, the inbox that
 * makes consumers idempotent, the dead-letter table for events that keep failing, and the
 * idempotency keys of mutations. Reviewed once; never edited after it lands.
 */
export class KitTables1764201600000 implements MigrationInterface {
  name = 'KitTables1764201600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE outbox (
        id bigserial PRIMARY KEY,
        event_id text NOT NULL UNIQUE,
        subject text NOT NULL,
        aggregate_id text,
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        sent_at timestamptz,
        source_seq bigint UNIQUE
      )`);
    // The relay only ever looks for unsent rows; the partial index keeps that scan tiny.
    await q.query('CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL');
    // One wake-up per statement, not per row: NOTIFY serialises commits, so keep it cheap.
    await q.query(`
      CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN PERFORM pg_notify('outbox', ''); RETURN NULL; END $$`);
    await q.query(
      'CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify()',
    );
    await q.query(`
      CREATE TABLE inbox (
        consumer text NOT NULL,
        event_id text NOT NULL,
        event_type text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (consumer, event_id)
      )`);
    await q.query(`
      CREATE TABLE dead_letter (
        id bigserial PRIMARY KEY,
        consumer text NOT NULL,
        event_id text,
        subject text NOT NULL,
        payload text NOT NULL,
        error text NOT NULL,
        deliveries int NOT NULL,
        parked_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        replayed_at timestamptz
      )`);
    await q.query('CREATE INDEX dead_letter_open ON dead_letter (parked_at) WHERE replayed_at IS NULL');
    await q.query(`
      CREATE TABLE idempotency_key (
        caller text NOT NULL,
        key text NOT NULL,
        request_hash text NOT NULL,
        response jsonb,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        PRIMARY KEY (caller, key)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE idempotency_key, dead_letter, inbox, outbox');
    await q.query('DROP FUNCTION outbox_notify');
  }
}
