import { insideGraphQLRequest } from '@backoffice/kit';

/**
 * Every SQL statement a service's database runs for GraphQL requests while `fn` runs: through
 * TypeORM's query runners and through the kit's direct reads on the pool (readRows, which skips the
 * query runner on the read path). Tests that count statements (entity batching: the same statements
 * for 1 and for 100 keys) must see both, or a read moved off TypeORM stops being counted and the check
 * passes vacuously; and only the requests', or a scheduled job polling meanwhile (documents' text
 * extraction, every 5 s) adds its statements to one side (a repeat run at load 12).
 */
export async function recordStatements<T>(
  db: { driver: unknown },
  fn: () => Promise<T>,
): Promise<{ result: T; sql: string[] }> {
  const sql: string[] = [];
  const driver = db.driver as unknown as {
    createQueryRunner(mode: unknown): { query(text: string, ...rest: unknown[]): Promise<unknown> };
    master: { query(text: unknown, ...rest: unknown[]): Promise<unknown> };
  };
  const textOf = (q: unknown) => (typeof q === 'string' ? q : String((q as { text?: unknown })?.text ?? q));
  const createQueryRunner = driver.createQueryRunner;
  const poolQuery = driver.master.query;
  const own = {
    runner: Object.hasOwn(driver, 'createQueryRunner'),
    query: Object.hasOwn(driver.master, 'query'),
  };
  driver.createQueryRunner = (mode: unknown) => {
    const runner = createQueryRunner.call(driver, mode);
    const query = runner.query.bind(runner);
    runner.query = (text: string, ...rest: unknown[]) => {
      if (insideGraphQLRequest()) sql.push(text);
      return query(text, ...rest);
    };
    return runner;
  };
  // pg's Pool.query checks out a client and runs the statement on it; TypeORM's runners connect
  // through pool.connect instead, so nothing is counted twice.
  driver.master.query = function (this: unknown, text: unknown, ...rest: unknown[]) {
    if (insideGraphQLRequest()) sql.push(textOf(text));
    return poolQuery.call(this, text, ...rest);
  };
  try {
    return { result: await fn(), sql };
  } finally {
    // Back to exactly what was there: the prototype's methods, not copies of them.
    if (own.runner) driver.createQueryRunner = createQueryRunner;
    else delete (driver as Partial<typeof driver>).createQueryRunner;
    if (own.query) driver.master.query = poolQuery;
    else delete (driver.master as Partial<typeof driver.master>).query;
  }
}
