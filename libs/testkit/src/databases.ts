import pg from 'pg';
import { assertRunId } from './run.js';

const DEFAULT_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Drops every database a run created (`backoffice_<service>_t<runId>`), even while a service still
 * holds connections to it. Returns the names it dropped.
 */
export async function dropTestDatabases(
  runId: string,
  databaseUrl: string = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
): Promise<string[]> {
  assertRunId(runId);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    // `_` is a LIKE wildcard; escaped so `_t<runId>` matches only this run's suffix.
    const { rows } = await client.query<{ datname: string }>(
      String.raw`select datname from pg_database where datname like 'backoffice\_%\_t' || $1`,
      [runId],
    );
    for (const { datname } of rows) {
      await client.query(`drop database if exists ${client.escapeIdentifier(datname)} with (force)`);
    }
    return rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}
