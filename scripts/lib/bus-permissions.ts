import { CONSUMERS, type Consumer, eventsOf } from '@backoffice/events';
import { SERVICE_NAMES, type ServiceName } from '@backoffice/kit';

/**
 * Who may do what on the bus: one NATS user per service, allowed to speak only for itself, and an
 * `ops` user that provisions the stream and runs `pnpm ops:*`. `pnpm start`, the permission test and
 * the committed configs (infra/nats/users.conf, infra/k8s/nats-values.yaml) all come from here.
 *
 * nats-server 2.9 matches permissions token by token, so "durables named `it-*`" cannot be written
 * as a wildcard: every durable is listed with the one filter subject it may be created with. A new
 * consumer is a line in CONSUMERS (@backoffice/events) first; test/infra/trust.test.ts compares
 * them with the handlers.
 */
const subscriptionsOf = (service: ServiceName) =>
  Object.values(CONSUMERS[service] as Record<string, Consumer>).map((c) => ({
    durable: c.durable,
    subject: c.reads.subject,
  }));

export const BUS_CONSUMERS: Record<ServiceName, readonly { durable: string; subject: string }[]> = {
  hr: subscriptionsOf('hr'),
  accounting: subscriptionsOf('accounting'),
  documents: subscriptionsOf('documents'),
  compliance: subscriptionsOf('compliance'),
  it: subscriptionsOf('it'),
  catalog: subscriptionsOf('catalog'),
};

export const OPS_USER = 'ops';
export type BusUser = ServiceName | typeof OPS_USER;
export const BUS_USERS: readonly BusUser[] = [...SERVICE_NAMES, OPS_USER];

export interface BusScope {
  /** The JetStream stream: `BACKOFFICE` in production. */
  stream: string;
  /** EVENTS_SUBJECT_PREFIX: empty in production. */
  prefix: string;
}

export const PRODUCTION_SCOPE: BusScope = { stream: 'BACKOFFICE', prefix: '' };

export interface Permissions {
  publish: { allow: string[] };
  subscribe: { allow: string[] };
  allow_responses?: boolean;
}

/** Where a service's replies arrive; the kit connects with this inbox prefix (libs/kit/src/events/bus.ts). */
export const inboxOf = (service: string) => `_INBOX.${service}`;

/** The services whose events `service` reads: `*` when one of its filters spans every service. */
export function sourcesOf(service: ServiceName): string[] {
  const sources = new Set<string>();
  for (const { subject } of BUS_CONSUMERS[service]) {
    const source = subject.split('.')[1];
    sources.add(source === '>' || source === '*' ? '*' : source);
  }
  return sources.has('*') ? ['*'] : [...sources].sort();
}

/**
 * What a service's user may do. Publish: its own events, its own watermarks, replay requests to the
 * services it reads, and the JetStream API for its own durables only. A consumer's filter is chosen
 * by whoever creates it, so creation is allowed only through 2.9's `CONSUMER.CREATE.<stream>.<name>.<filter>`
 * form with the one filter listed above (the server refuses a body whose filter differs from the
 * subject); the older `CONSUMER.DURABLE.CREATE` form, which names no filter, is not allowed at all.
 * Subscribe: its own inbox (JetStream deliveries and API answers come there, so no one reads
 * another's), its replay subject, and the watermarks of the services it reads.
 */
export function servicePermissions(service: ServiceName, scope: BusScope): Permissions {
  const p = scope.prefix;
  const s = scope.stream;
  const publish = [
    `${p}${eventsOf(service)}`,
    `${p}_backoffice.watermark.${service}`,
    ...sourcesOf(service).map((source) => `${p}_backoffice.replay.${source}`),
    '$JS.API.INFO',
    `$JS.API.STREAM.INFO.${s}`,
  ];
  for (const { durable, subject } of BUS_CONSUMERS[service]) {
    publish.push(
      `$JS.API.CONSUMER.CREATE.${s}.${durable}.${p}${subject}`,
      `$JS.API.CONSUMER.INFO.${s}.${durable}`,
      `$JS.API.CONSUMER.MSG.NEXT.${s}.${durable}`,
      `$JS.ACK.${s}.${durable}.>`,
    );
  }
  const subscribe = [
    `${inboxOf(service)}.>`,
    `${p}_backoffice.replay.${service}`,
    ...sourcesOf(service).map((source) => `${p}_backoffice.watermark.${source}`),
  ];
  // Replay answers go to the asker's inbox, which only the asker's own requests open.
  return { publish: { allow: publish }, subscribe: { allow: subscribe }, allow_responses: true };
}

/** The operator: provisions the stream, reads and replays anything (`pnpm ops:*`). Never mounted into a service. */
export const OPS_PERMISSIONS: Permissions = { publish: { allow: ['>'] }, subscribe: { allow: ['>'] } };

export function permissionsOf(user: BusUser, scope: BusScope): Permissions {
  return user === OPS_USER ? OPS_PERMISSIONS : servicePermissions(user, scope);
}

/** The environment variable a committed config reads a user's password from: `NATS_PASSWORD_HR`, ... */
export const passwordVariable = (user: BusUser) => `NATS_PASSWORD_${user.toUpperCase()}`;

/**
 * The `authorization { users = [...] }` block of a nats-server config. `passwords` gives each user's
 * password (what `pnpm start` and the tests generate), or `'env'` to read it from
 * `$NATS_PASSWORD_<USER>` when the server starts (the committed configs; the values live in Secrets).
 */
export function renderAuthorization(scope: BusScope, passwords: Record<BusUser, string> | 'env'): string {
  const users = BUS_USERS.map((user) => {
    const password =
      passwords === 'env' ? `$${passwordVariable(user)}` : JSON.stringify(passwords[user] ?? '');
    const permissions = JSON.stringify(permissionsOf(user, scope), null, 2).replace(/\n/g, '\n      ');
    return `    {\n      user: ${JSON.stringify(user)}\n      password: ${password}\n      permissions: ${permissions}\n    }`;
  });
  return `authorization {\n  users = [\n${users.join('\n')}\n  ]\n}\n`;
}

/** The header of a generated file, so nobody edits one by hand. */
export const GENERATED =
  '# Generated from scripts/lib/bus-permissions.ts by `pnpm nats:users`: edit that file, not this one.\n';
