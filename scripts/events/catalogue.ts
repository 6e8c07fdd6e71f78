import {
  ALL_CONSUMERS,
  CATALOGUE,
  type Consumer,
  type EventContract,
  contractsRead,
} from '@backoffice/events';

/**
 * docs/events.md, generated from @backoffice/events: every event, its producer, its consumers (the
 * durables of CONSUMERS that read it) and its payload fields as the schema declares them.
 */

interface ZodDef {
  type: string;
  innerType?: { _zod: { def: ZodDef } };
  element?: { _zod: { def: ZodDef } };
  options?: { _zod: { def: ZodDef } }[];
  entries?: Record<string, string>;
  values?: unknown[];
  shape?: Record<string, { _zod: { def: ZodDef } }>;
}

const defOf = (schema: unknown): ZodDef => (schema as { _zod: { def: ZodDef } })._zod.def;

/** A field's type in a line: `string`, `string | null`, `'OFFICE' | 'REMOTE'`, `{ a: string }[]`. */
function typeOf(def: ZodDef): string {
  switch (def.type) {
    case 'nullable':
      return `${typeOf(defOf(def.innerType))} | null`;
    case 'optional':
      return typeOf(defOf(def.innerType));
    case 'array':
      return `${wrapped(defOf(def.element))}[]`;
    case 'enum':
      return Object.values(def.entries ?? {})
        .map((v) => `'${v}'`)
        .join(' | ');
    case 'literal':
      return (def.values ?? []).map((v) => JSON.stringify(v).replaceAll('"', "'")).join(' | ');
    case 'union':
      return (def.options ?? []).map((o) => typeOf(defOf(o))).join(' | ');
    case 'object':
      return `{ ${fields(def)
        .map((f) => `${f.name}${f.optional ? '?' : ''}: ${f.type}`)
        .join('; ')} }`;
    default:
      return def.type;
  }
}

const wrapped = (def: ZodDef) =>
  ['union', 'enum', 'nullable'].includes(def.type) ? `(${typeOf(def)})` : typeOf(def);

function fields(def: ZodDef): { name: string; type: string; optional: boolean }[] {
  return Object.entries(def.shape ?? {}).map(([name, field]) => ({
    name,
    type: typeOf(defOf(field)),
    optional: defOf(field).type === 'optional',
  }));
}

const readers = (contract: EventContract, consumers: readonly Consumer[]) =>
  consumers.filter((c) => contractsRead(c.reads).includes(contract));

function section(contract: EventContract, consumers: readonly Consumer[]): string {
  const own = readers(contract, consumers).filter((c) => c.reads.contracts !== null);
  const everything = readers(contract, consumers).filter((c) => c.reads.contracts === null);
  const names = [
    ...own.map((c) => `\`${c.durable}\` (${c.service})`),
    ...everything.map((c) => `\`${c.durable}\` (${c.service}, every event)`),
  ];
  const rows = fields(defOf(contract.schema)).map(
    (f) => `| \`${f.name}\` | \`${f.type.replaceAll('|', '\\|')}\` | ${f.optional ? 'no' : 'yes'} |`,
  );
  return [
    `### \`${contract.type}\``,
    '',
    contract.summary,
    '',
    `- Producer: ${contract.producer}`,
    `- Consumers: ${names.join(', ') || 'none'}`,
    '',
    '| Field | Type | Always there |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}

export function renderCatalogue(
  contracts: readonly EventContract[] = CATALOGUE,
  consumers: readonly Consumer[] = ALL_CONSUMERS,
): string {
  const producers = [...new Set(contracts.map((c) => c.producer))];
  const lines = [
    '# Events',
    '',
    '<!-- Generated from libs/events by `pnpm events:docs`; `pnpm events:check` fails when it is stale. Edit the contracts, not this file. -->',
    '',
    'Every event a service publishes: its type (the NATS subject), the service that produces it, the',
    'durable consumers that read it, and its payload. Payloads grow by optional fields only; a field not',
    'marked "always there" may be absent in older events. The contracts live in `libs/events/src/<producer>.ts`.',
    '',
  ];
  for (const producer of producers) {
    lines.push(`## ${producer}`, '');
    for (const c of contracts.filter((x) => x.producer === producer)) lines.push(section(c, consumers));
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
