import { allEvents } from '@backoffice/events';
import { readFileSync } from 'node:fs';
import {
  DiscardPolicy,
  type JetStreamClient,
  type JetStreamManager,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
} from '@nats-io/jetstream';
import {
  type ConnectionOptions,
  connect,
  credsAuthenticator,
  type NatsConnection,
} from '@nats-io/transport-node';
import { ConfigError, type NatsCredentials, type RunMode } from '../config.js';
import type { Logger } from '../logger.js';

export interface Bus {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  stream: string;
  /** Prepended to every subject; empty in production, a per-run prefix in tests. */
  prefix: string;
}

export interface BusOptions {
  url: string;
  stream: string;
  prefix: string;
  name: string;
  log?: Logger;
  /** NATS_USER/NATS_PASSWORD or NATS_CREDS, and TLS files (PlatformConfig.natsCredentials). */
  credentials?: NatsCredentials;
  /** Production refuses to connect without credentials: an open bus lets anyone speak for any service. */
  mode?: RunMode;
  /** OUTBOX_RETENTION_DAYS: how long the stream keeps events (the outbox repairs within the same time). */
  retentionDays?: number;
  /**
   * May this connection create the stream or change its settings? By default only a connection
   * without credentials (a dev or test server without users); a service's user may only read the
   * stream's settings, and the stream is provisioned by the ops user (`pnpm ops:stream`).
   */
  provision?: boolean;
}

/** The stream keeps events as long as the outbox does, never forever: the bus is not the archive. */
export const DEFAULT_RETENTION_DAYS = 7;
const NANOS_PER_DAY = 86_400 * 1_000_000_000;

/** The stream's max_age for OUTBOX_RETENTION_DAYS, in nanoseconds; at least a day (0 would mean forever). */
export function streamMaxAge(retentionDays = DEFAULT_RETENTION_DAYS): number {
  return Math.round(Math.max(retentionDays, 1) * NANOS_PER_DAY);
}

/** The connection options for credentials: user and password or a creds file, TLS when files are given. */
export function connectionAuth(credentials: NatsCredentials = {}, name?: string): Partial<ConnectionOptions> {
  const options: Partial<ConnectionOptions> = {};
  if (credentials.user) {
    options.user = credentials.user;
    options.pass = credentials.password;
  }
  if (credentials.credsFile) options.authenticator = credsAuthenticator(readFileSync(credentials.credsFile));
  if (credentials.tls) options.tls = { ...credentials.tls };
  // Replies (JetStream deliveries, API answers, replay answers) come to an inbox under the process's
  // name; a service's user may subscribe only there, so no service reads what was sent to another.
  if (name && /^[A-Za-z0-9_-]+$/.test(name)) options.inboxPrefix = `_INBOX.${name}`;
  return options;
}

/** Connects to NATS, reconnecting forever, and makes sure the stream exists. */
export async function connectBus(options: BusOptions): Promise<Bus> {
  const credentials = options.credentials ?? {};
  const authenticated = Boolean(credentials.user || credentials.credsFile);
  if (options.mode === 'production' && !authenticated)
    throw new ConfigError(
      'NATS_USER and NATS_PASSWORD (or NATS_CREDS) are required when NODE_ENV=production: ' +
        'on a bus without users anyone who reaches it speaks for every service (docs/operations.md, "The bus")',
    );
  if (options.mode === 'production' && !credentials.tls && !/^tls:/.test(options.url))
    options.log?.warn('the NATS connection is not TLS: set NATS_TLS_CA_FILE (docs/operations.md, "The bus")');
  const nc = await connect({
    servers: options.url.split(','),
    name: options.name,
    maxReconnectAttempts: -1,
    reconnectTimeWait: 500,
    // The client otherwise builds an Error with a stack trace for every publish (notes: +40 % publish rate).
    noAsyncTraces: true,
    ...connectionAuth(credentials, options.name),
  });
  (async () => {
    for await (const s of nc.status()) {
      if (s.type === 'disconnect' || s.type === 'reconnect')
        options.log?.warn({ nats: s.type }, 'nats connection status');
      // A refused publish or subscribe is a missing permission (or an attempt): say which.
      else if (s.type === 'error') options.log?.error({ err: s.error.message }, 'nats refused an operation');
    }
  })().catch(() => undefined);
  try {
    const jsm = await jetstreamManager(nc);
    await ensureStream(jsm, options.stream, options.prefix, {
      retentionDays: options.retentionDays,
      provision: options.provision ?? !authenticated,
      log: options.log,
    });
    return { nc, js: jetstream(nc), jsm, stream: options.stream, prefix: options.prefix };
  } catch (e) {
    await nc.close().catch(() => undefined);
    throw e;
  }
}

export interface EnsureStreamOptions {
  retentionDays?: number;
  /** Create the stream, or correct its subjects and max_age; without it only read and report. */
  provision?: boolean;
  log?: Logger;
}

export class StreamMissingError extends Error {}

/**
 * Provisions the stream idempotently: file storage, capturing `<prefix>backoffice.>`, events kept
 * for the retention period. Without `provision` it only checks: a missing stream is an error that
 * says who creates it, a different max_age or subject list a warning.
 */
export async function ensureStream(
  jsm: JetStreamManager,
  stream: string,
  prefix: string,
  options: EnsureStreamOptions = {},
): Promise<void> {
  const subjects = [`${prefix}${allEvents.subject}`];
  const maxAge = streamMaxAge(options.retentionDays);
  let info: Awaited<ReturnType<JetStreamManager['streams']['info']>> | undefined;
  try {
    info = await jsm.streams.info(stream);
  } catch (e) {
    const message = String((e as Error).message);
    if (/permissions violation/i.test(message))
      throw new Error(
        `this process's NATS user may not read the stream ${stream}'s settings: its permissions are ` +
          'written for another stream (EVENTS_STREAM) or are missing (docs/operations.md, "The bus")',
      );
    if (!/stream not found/i.test(message)) throw e;
  }
  if (info) {
    const have = info.config.subjects ?? [];
    const missing = subjects.filter((s) => !have.includes(s));
    if (missing.length === 0 && info.config.max_age === maxAge) return;
    if (!options.provision) {
      options.log?.warn(
        { stream, missingSubjects: missing, maxAge: info.config.max_age, expectedMaxAge: maxAge },
        'the stream differs from this configuration (subjects or max_age = OUTBOX_RETENTION_DAYS); run `pnpm ops:stream`',
      );
      return;
    }
    if (info.config.max_age !== maxAge)
      options.log?.warn(
        { stream, from: info.config.max_age, to: maxAge },
        'stream max_age set to OUTBOX_RETENTION_DAYS',
      );
    await jsm.streams.update(stream, {
      ...info.config,
      subjects: [...new Set([...have, ...subjects])],
      max_age: maxAge,
    });
    return;
  }
  if (!options.provision)
    throw new StreamMissingError(
      `the stream ${stream} does not exist, and this process's NATS user may not create it: ` +
        'provision it with the ops user (`pnpm ops:stream`, docs/operations.md "The bus")',
    );
  try {
    await jsm.streams.add({
      name: stream,
      subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
      max_age: maxAge,
      duplicate_window: 120_000_000_000, // 2 minutes in nanoseconds: quick re-publishes after a crash are dropped
    });
  } catch (addError) {
    // Another process created it between our info and add.
    if (!/already in use|exists/i.test(String((addError as Error).message))) throw addError;
  }
}
