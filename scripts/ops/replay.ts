import { EVENT_ROOT } from '@backoffice/events';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import {
  connectBus,
  databaseUrl,
  headersWithSignature,
  loadKeyring,
  platformConfig,
  republishRange,
  SERVICE_NAMES,
  type ReplayReply,
  type ServiceName,
} from '@backoffice/kit';
import {
  type DeadLetter,
  OpsError,
  parseService,
  readDeadLetter,
  withServiceDatabase,
} from './dead-letter-store.js';

/**
 * `pnpm ops:replay ID --service NAME [--force]`: puts a parked event back on the bus, on the
 * subject it was parked from, and marks it replayed. The consumer applies it like any delivery;
 * every consumer of that subject sees it, and their inboxes make it a no-op wherever it was
 * already applied. Publish first, mark second: a crash in between leaves it open to replay again,
 * which is harmless for the same reason.
 */

const USAGE = `usage: ops:replay ID --service ${SERVICE_NAMES.join('|')} [--force]
  Republishes the parked event ID (see ops:dead-letters) and marks it replayed.
  --force  replay an event that was already replayed
usage: ops:replay --source ${SERVICE_NAMES.join('|')} --type TYPE --from N --to M
  Republishes the source's events of TYPE numbered N..M (their sourceseq) from its outbox, with
  their original event ids: what the bus lost comes back; what consumers already applied is absorbed.`;

export interface RangeReplayOptions {
  source: string;
  type: string;
  from: number;
  to: number;
  env?: NodeJS.ProcessEnv;
}

/** Republishes a range of a source's events straight from its outbox (the service need not be up). */
export async function replayRange(options: RangeReplayOptions): Promise<ReplayReply> {
  const env = options.env ?? process.env;
  const source = parseService(options.source) as ServiceName;
  if (!source) throw new OpsError('--source must name a service');
  if (!options.type.startsWith(`${EVENT_ROOT}.${source}.`))
    throw new OpsError(
      `--type must be one of ${source}'s event types (${EVENT_ROOT}.${source}.<aggregate>.<verb>)`,
    );
  if (
    !Number.isSafeInteger(options.from) ||
    !Number.isSafeInteger(options.to) ||
    options.from < 1 ||
    options.to < options.from
  ) {
    throw new OpsError('--from and --to must be whole numbers with 1 <= from <= to');
  }
  const config = platformConfig(env);
  // The events are signed again as their source, so this runs with the source's SIGNING_KEY (in its pod).
  const keyring = loadKeyring(source, config.mode, env);
  const pool = new pg.Pool({
    connectionString: databaseUrl(config.DATABASE_URL, `backoffice_${source}${config.DATABASE_SUFFIX}`),
    max: 2,
  });
  const bus = await connectBus({
    url: config.NATS_URL,
    stream: config.EVENTS_STREAM,
    prefix: config.EVENTS_SUBJECT_PREFIX,
    name: 'backoffice-ops-replay',
    // The ops user (NATS_USER=ops): a service's user may publish only its own subjects.
    credentials: config.natsCredentials,
    mode: config.mode,
  });
  try {
    return await republishRange(pool, bus, keyring, options.type, options.from, options.to);
  } finally {
    await bus.nc.close().catch(() => undefined);
    await pool.end();
  }
}

export interface ReplayOptions {
  id: string;
  service: string;
  force?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface ReplayResult {
  deadLetter: DeadLetter;
  subject: string;
  /** The message id it was published with (unique per replay, so the stream never drops it as a duplicate). */
  msgId: string;
  /** The stream sequence it landed at. */
  seq: number;
}

export async function replayDeadLetter(options: ReplayOptions): Promise<ReplayResult> {
  const env = options.env ?? process.env;
  const service = parseService(options.service) as ServiceName;
  if (!service) throw new OpsError('--service is required');
  const deadLetter = await readDeadLetter(service, options.id, env);
  if (!deadLetter) throw new OpsError(`no parked event #${options.id} in ${service}`);
  if (deadLetter.replayedAt && !options.force)
    throw new OpsError(
      `#${options.id} was already replayed at ${deadLetter.replayedAt}; --force replays it again`,
    );

  const config = platformConfig(env);
  if (!deadLetter.subject.startsWith(config.EVENTS_SUBJECT_PREFIX))
    throw new OpsError(
      `#${options.id} was parked from ${deadLetter.subject}, outside this stream's subjects`,
    );
  const bus = await connectBus({
    url: config.NATS_URL,
    stream: config.EVENTS_STREAM,
    prefix: config.EVENTS_SUBJECT_PREFIX,
    name: 'backoffice-ops-replay',
    credentials: config.natsCredentials,
    mode: config.mode,
  });
  let seq: number;
  // The original id is within the stream's duplicate window for two minutes: a replay needs its own.
  const msgId = `${deadLetter.eventId ?? 'unreadable'}:replay:${service}:${deadLetter.id}:${Date.now()}`;
  try {
    // With the signature it arrived with: verified again, so a parked forgery stays refused.
    const ack = await bus.js.publish(deadLetter.subject, deadLetter.payload, {
      msgID: msgId,
      headers: headersWithSignature(deadLetter.signature),
    });
    seq = ack.seq;
  } finally {
    await bus.nc.close().catch(() => undefined);
  }
  await withServiceDatabase(service, env, (client) =>
    client.query('UPDATE dead_letter SET replayed_at = clock_timestamp() WHERE id = $1', [deadLetter.id]),
  );
  return { deadLetter, subject: deadLetter.subject, msgId, seq };
}

export async function main(argv: string[]): Promise<number> {
  let id: string | undefined;
  let values: {
    service?: string;
    source?: string;
    type?: string;
    from?: string;
    to?: string;
    force?: boolean;
    help?: boolean;
  };
  try {
    const parsed = parseArgs({
      args: argv,
      options: {
        service: { type: 'string' },
        source: { type: 'string' },
        type: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
    });
    values = parsed.values;
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    if (values.source) {
      if (!values.type || !values.from || !values.to)
        throw new Error('--source needs --type, --from and --to');
    } else {
      if (parsed.positionals.length !== 1 || !values.service)
        throw new Error('one ID and --service are required');
      id = parsed.positionals[0];
    }
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.source) {
    try {
      const r = await replayRange({
        source: values.source,
        type: values.type as string,
        from: Number(values.from),
        to: Number(values.to),
      });
      process.stdout.write(
        `republished ${r.republished} ${values.type} events ${values.from}..${values.to} from ${values.source}'s outbox\n`,
      );
      if (r.missing.length > 0) {
        process.stderr.write(
          `LOST FOR GOOD: ${r.missing.length} of them are no longer in the outbox (older than OUTBOX_RETENTION_DAYS): ${r.missing.slice(0, 20).join(', ')}${r.missing.length > 20 ? ', ...' : ''}\n`,
        );
        return 1;
      }
      return 0;
    } catch (e) {
      process.stderr.write(`${e instanceof OpsError ? e.message : `failed: ${(e as Error).message}`}\n`);
      return 1;
    }
  }
  try {
    const r = await replayDeadLetter({
      id: id as string,
      service: values.service as string,
      force: values.force,
    });
    process.stdout.write(
      `replayed ${r.deadLetter.service} #${r.deadLetter.id} (event ${r.deadLetter.eventId ?? '(unreadable)'}) onto ${r.subject} at stream seq ${r.seq}; ${r.deadLetter.consumer} applies it unless its inbox has it already\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof OpsError ? e.message : `failed: ${(e as Error).message}`}\n`);
    return e instanceof OpsError ? 1 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
