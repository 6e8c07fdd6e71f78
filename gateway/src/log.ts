import type { Logger } from '@backoffice/kit';

/**
 * Logs go through the kit's pino logger (one JSON line per event, tokens and identity headers
 * redacted). This adapts it to the `{ debug, info, warn, error }(message)` shape Apollo's packages call.
 */
export function apolloLogger(log: Logger) {
  const text = (args: unknown[]) => args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  return {
    debug: (...args: unknown[]) => log.debug({ source: 'apollo' }, text(args)),
    info: (...args: unknown[]) => log.info({ source: 'apollo' }, text(args)),
    warn: (...args: unknown[]) => log.warn({ source: 'apollo' }, text(args)),
    error: (...args: unknown[]) => log.error({ source: 'apollo' }, text(args)),
  };
}
