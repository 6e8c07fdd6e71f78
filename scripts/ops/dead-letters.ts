import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { SERVICE_NAMES } from '@backoffice/kit';
import { type DeadLetter, OpsError, parseService, readDeadLetters } from './dead-letter-store.js';

/**
 * `pnpm ops:dead-letters [--service NAME] [--all] [--json]`: the events each service's consumers
 * gave up on (parked after their last delivery), with the error that parked them. Fix the cause,
 * then `pnpm ops:replay ID --service NAME`.
 */

const USAGE = `usage: ops:dead-letters [--service ${SERVICE_NAMES.join('|')}] [--all] [--json]
  Lists the events parked in the dead_letter table of every service database (or one).
  --all   include events already replayed
  --json  one JSON array, for scripts`;

export interface ListOptions {
  service?: string;
  includeReplayed?: boolean;
  env?: NodeJS.ProcessEnv;
}

export interface ListResult {
  parked: DeadLetter[];
  /** Services whose database (or dead_letter table) does not exist here. */
  missing: string[];
}

export async function listDeadLetters(options: ListOptions = {}): Promise<ListResult> {
  const env = options.env ?? process.env;
  const one = parseService(options.service);
  const services = one ? [one] : SERVICE_NAMES;
  const result: ListResult = { parked: [], missing: [] };
  for (const service of services) {
    const rows = await readDeadLetters(service, env, { includeReplayed: options.includeReplayed });
    if (rows === undefined) result.missing.push(service);
    else result.parked.push(...rows);
  }
  return result;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function formatDeadLetters({ parked, missing }: ListResult): string {
  const lines: string[] = [];
  if (parked.length === 0) lines.push('No parked events.');
  for (const d of parked) {
    const replayed = d.replayedAt ? `  replayed ${d.replayedAt}` : '';
    lines.push(
      `${d.service} #${d.id}  ${d.consumer}  ${d.subject}  event ${d.eventId ?? '(unreadable)'}  ${d.deliveries} deliveries  parked ${d.parkedAt}${replayed}`,
      `    error:   ${oneLine(d.error, 200)}`,
      `    payload: ${oneLine(d.payload, 200)}`,
    );
  }
  if (missing.length > 0) lines.push(`(no database here for: ${missing.join(', ')})`);
  if (parked.some((d) => !d.replayedAt))
    lines.push('', 'After fixing the cause: pnpm ops:replay <id> --service <service>');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>;
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      options: {
        service: { type: 'string' },
        all: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: false,
    });
  try {
    args = parse(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  try {
    const result = await listDeadLetters({ service: args.values.service, includeReplayed: args.values.all });
    process.stdout.write(
      args.values.json ? `${JSON.stringify(result.parked, null, 2)}\n` : `${formatDeadLetters(result)}\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`${e instanceof OpsError ? e.message : `failed: ${(e as Error).message}`}\n`);
    return e instanceof OpsError ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
