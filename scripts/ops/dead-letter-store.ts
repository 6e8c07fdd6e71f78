import { platformConfig, SERVICE_NAMES, type ServiceName } from '@backoffice/kit';
import pg from 'pg';

/**
 * The dead_letter tables the operational commands read and write: one per service database
 * (`backoffice_<service><DATABASE_SUFFIX>` on DATABASE_URL), created by the kit's migration.
 */

export interface DeadLetter {
  service: ServiceName;
  id: string;
  consumer: string;
  eventId: string | null;
  subject: string;
  payload: string;
  error: string;
  deliveries: number;
  /** The `Backoffice-Signature` it arrived with; a replay sends it again, so only what its producer signed applies. */
  signature: string | null;
  parkedAt: string;
  replayedAt: string | null;
}

export class OpsError extends Error {}

export function parseService(name: string | undefined): ServiceName | undefined {
  if (name === undefined) return undefined;
  if (!(SERVICE_NAMES as string[]).includes(name))
    throw new OpsError(`unknown service "${name}"; one of: ${SERVICE_NAMES.join(', ')}`);
  return name as ServiceName;
}

export function serviceDatabase(service: ServiceName, env: NodeJS.ProcessEnv): { url: string; name: string } {
  const config = platformConfig(env);
  const name = `backoffice_${service}${config.DATABASE_SUFFIX}`;
  const url = new URL(config.DATABASE_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

/** Runs `fn` on the service's database; undefined when that database does not exist (yet). */
export async function withServiceDatabase<T>(
  service: ServiceName,
  env: NodeJS.ProcessEnv,
  fn: (client: pg.Client) => Promise<T>,
): Promise<T | undefined> {
  const client = new pg.Client({
    connectionString: serviceDatabase(service, env).url,
    connectionTimeoutMillis: 5_000,
    application_name: 'backoffice-ops',
  });
  try {
    await client.connect();
  } catch (e) {
    if ((e as { code?: string }).code === '3D000') return undefined; // no such database
    throw e;
  }
  try {
    return await fn(client);
  } catch (e) {
    if ((e as { code?: string }).code === '42P01') return undefined; // not migrated yet: no dead_letter table
    throw e;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const COLUMNS = `id::text, consumer, event_id AS "eventId", subject, payload, error, deliveries, signature,
  to_char(parked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "parkedAt",
  to_char(replayed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "replayedAt"`;

export async function readDeadLetters(
  service: ServiceName,
  env: NodeJS.ProcessEnv,
  options: { includeReplayed?: boolean } = {},
): Promise<DeadLetter[] | undefined> {
  return withServiceDatabase(service, env, async (client) => {
    const where = options.includeReplayed ? '' : 'WHERE replayed_at IS NULL';
    const r = await client.query(`SELECT ${COLUMNS} FROM dead_letter ${where} ORDER BY parked_at, id`);
    return r.rows.map((row) => ({ service, ...row }) as DeadLetter);
  });
}

export async function readDeadLetter(
  service: ServiceName,
  id: string,
  env: NodeJS.ProcessEnv,
): Promise<DeadLetter | undefined> {
  if (!/^\d{1,18}$/.test(id)) throw new OpsError(`not a dead-letter id: ${id}`);
  const rows = await withServiceDatabase(service, env, (client) =>
    client.query(`SELECT ${COLUMNS} FROM dead_letter WHERE id = $1`, [id]).then((r) => r.rows),
  );
  return rows?.[0] ? ({ service, ...rows[0] } as DeadLetter) : undefined;
}
