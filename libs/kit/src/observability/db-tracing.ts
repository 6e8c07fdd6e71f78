import { SpanKind, context, trace } from '@opentelemetry/api';
import type pg from 'pg';
import { failSpan, tracer, tracingEnabled } from './tracing.js';

const INSTRUMENTED = Symbol.for('backoffice.instrumented');
const MAX_STATEMENT = 2_000;

/** `SELECT`, `INSERT`, `BEGIN`, ...: the span name, so a trace reads like the transaction it was. */
export function sqlVerb(text: string): string {
  const m = /^\s*(?:\/\*[\s\S]*?\*\/\s*)?([A-Za-z]+)/.exec(text);
  return m ? m[1].toUpperCase() : 'SQL';
}

/**
 * A span per SQL statement for everything that runs on `pool` (TypeORM's query runners, the relay and
 * consumers that use the pool directly): each client's `query` is wrapped once, those already in the
 * pool now and those it opens later. The statement text is recorded, never its parameters (they
 * carry personal data). With tracing off the wrapper only checks a flag and calls through.
 */
export function instrumentPool(pool: pg.Pool, database: string): void {
  const wrap = (client: pg.PoolClient | pg.Client) => {
    const target = client as unknown as Record<symbol, boolean> & { query: (...args: unknown[]) => unknown };
    if (target[INSTRUMENTED]) return;
    target[INSTRUMENTED] = true;
    const original = target.query.bind(client);
    target.query = (...args: unknown[]) => {
      // Only promise-style calls with a text or config; callbacks and streams (Submittables) go straight through.
      const first = args[0] as string | { text?: string; submit?: unknown } | undefined;
      const text = typeof first === 'string' ? first : first?.submit ? undefined : first?.text;
      if (!tracingEnabled() || text === undefined || typeof args.at(-1) === 'function')
        return original(...args);
      if (!trace.getActiveSpan()) return original(...args); // background polling: no trace to belong to
      const span = tracer().startSpan(sqlVerb(text), {
        kind: SpanKind.CLIENT,
        attributes: {
          'db.system': 'postgresql',
          'db.name': database,
          'db.statement': text.length > MAX_STATEMENT ? `${text.slice(0, MAX_STATEMENT)}...` : text,
        },
      });
      const result = context.with(trace.setSpan(context.active(), span), () => original(...args));
      return Promise.resolve(result).then(
        (r) => {
          span.end();
          return r;
        },
        (e: unknown) => {
          failSpan(span, e);
          span.end();
          throw e;
        },
      );
    };
  };
  const internals = pool as unknown as { _clients?: pg.PoolClient[] };
  for (const client of internals._clients ?? []) wrap(client);
  pool.on('connect', wrap);
}
