import { SpanKind, context, trace } from '@opentelemetry/api';
import pg from 'pg';
import { failSpan, tracer, tracingEnabled } from './tracing.js';

const MAX_STATEMENT = 2_000;

/** `SELECT`, `INSERT`, `BEGIN`, ...: the span name, so a trace reads like the transaction it was. */
export function sqlVerb(text: string): string {
  const m = /^\s*(?:\/\*[\s\S]*?\*\/\s*)?([A-Za-z]+)/.exec(text);
  return m ? m[1].toUpperCase() : 'SQL';
}

/**
 * A span per SQL statement for everything that runs on a pool made with this client class (TypeORM's
 * query runners, the relay and consumers that use the pool directly): pg's pool takes the class to
 * make its connections with (its `Client` option, which TypeORM passes through `extra`), so no
 * connection escapes and nothing private of pg's is touched. The statement text is recorded, never
 * its parameters (they carry personal data). With tracing off the override checks a flag and calls
 * through.
 */
export function tracedClientClass(database: string): typeof pg.Client {
  class TracedClient extends pg.Client {}
  const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  function query(this: pg.Client, ...args: unknown[]): unknown {
    // Only promise-style calls with a text or config; callbacks and streams (Submittables) go straight through.
    const first = args[0] as string | { text?: string; submit?: unknown } | undefined;
    const text = typeof first === 'string' ? first : first?.submit ? undefined : first?.text;
    if (!tracingEnabled() || text === undefined || typeof args.at(-1) === 'function')
      return original.apply(this, args);
    if (!trace.getActiveSpan()) return original.apply(this, args); // background polling: no trace to belong to
    const span = tracer().startSpan(sqlVerb(text), {
      kind: SpanKind.CLIENT,
      attributes: {
        'db.system': 'postgresql',
        'db.name': database,
        'db.statement': text.length > MAX_STATEMENT ? `${text.slice(0, MAX_STATEMENT)}...` : text,
      },
    });
    const result = context.with(trace.setSpan(context.active(), span), () => original.apply(this, args));
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
  }
  Object.defineProperty(TracedClient.prototype, 'query', {
    value: query,
    writable: true,
    configurable: true,
  });
  return TracedClient;
}
