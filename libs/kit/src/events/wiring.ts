import type { DataSource } from 'typeorm';
import type { Keyring } from '../auth/keys.js';
import type { PlatformConfig, ServiceName } from '../config.js';
import { databaseUrl, poolOf } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { Bus } from './bus.js';
import { EventConsumer } from './consumer.js';
import type { EventHandler } from './handler.js';
import { OutboxRelay } from './relay.js';
import { announceWatermarks, serveReplays } from './replay.js';
import { Refusals } from './verification.js';

export interface ServiceEvents {
  relay: OutboxRelay;
  consumers: EventConsumer[];
  /** Messages refused for want of a valid signature, for the metric. */
  refusals: Refusals;
  /** Stops consuming (after applying what arrived), answering replays, announcing, then flushes the outbox. */
  stop(): Promise<void>;
}

/**
 * A service's side of the bus, all speaking with its own key: the relay signs what it publishes,
 * replays are answered (and re-signed) from its outbox, watermarks are announced signed, and its
 * consumers verify everything they receive and ask for replays with signed requests.
 */
export async function startServiceEvents(options: {
  name: ServiceName;
  db: DataSource;
  database: string;
  bus: Bus;
  keyring: Keyring;
  config: PlatformConfig;
  log: Logger;
  handlers: EventHandler[];
}): Promise<ServiceEvents> {
  const { name, db, bus, keyring, config, log } = options;
  const pool = poolOf(db);
  const refusals = new Refusals();
  const relay = new OutboxRelay({
    pool,
    // LISTEN needs a session of its own on Postgres, never a pooler's transaction-mode connection.
    connectionString: databaseUrl(config.DATABASE_DIRECT_URL, options.database),
    bus,
    keyring,
    log,
  });
  relay.start();
  const stopReplays = serveReplays({ service: name, bus, pool, keyring, log, refusals });
  const stopWatermarks = announceWatermarks({
    service: name,
    bus,
    pool,
    keyring,
    everyMs: config.WATERMARK_EVERY_MS,
    log,
  });
  const consumers = options.handlers.map(
    (handler) =>
      new EventConsumer({
        bus,
        dataSource: db,
        handler,
        log,
        keyring,
        refusals,
        repair: { graceMs: config.SEQUENCE_GAP_GRACE_MS },
      }),
  );
  for (const c of consumers) await c.start();
  return {
    relay,
    consumers,
    refusals,
    async stop() {
      for (const c of consumers) await c.stop();
      stopReplays();
      stopWatermarks();
      await relay.stop();
    },
  };
}
