import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DataSource } from 'typeorm';
import { describe, expect, it } from 'vitest';
import { IDENTITY_SIGNATURE_HEADER, bodyDigest, signIdentity } from '../auth/identity.js';
import { createKeyring, devSigningKey, devTrustedKeys } from '../auth/keys.js';
import type { Logger } from '../logger.js';
import type { ServiceContext } from './definition.js';
import { serviceRoutes } from './routes.js';

/** A service route gets the caller the gateway signed for this very request, or nobody. */
const gateway = createKeyring('gateway', devSigningKey('gateway'), devTrustedKeys());
const keyring = createKeyring('documents', devSigningKey('documents'), devTrustedKeys());
const refused: unknown[] = [];
const log = {
  warn: (fields: unknown) => refused.push(fields),
  child: () => log,
} as unknown as Logger;
const services = { name: 'the documents services' };
const seen: ServiceContext<typeof services>[] = [];
const [route] = serviceRoutes(
  [{ method: 'GET', path: '/documents/:id/content', handle: (ctx) => void seen.push(ctx) }],
  { name: 'documents', keyring, log, db: {} as DataSource, services },
);
const alice = { userId: 'alice', roles: ['hr' as const], employeeId: null };

function get(path: string, headers: Record<string, string>) {
  const req = { method: 'GET', url: path, headers } as unknown as IncomingMessage;
  route.handle(req, {} as ServerResponse, { id: 'd1' }, new URL(path, 'http://documents'));
  return seen.at(-1) as ServiceContext<typeof services>;
}

const signedFor = (path: string, audience = 'documents') =>
  signIdentity(alice, { audience, method: 'GET', path, body: bodyDigest('') }, gateway);

describe('serviceRoutes', () => {
  it('hands the handler the verified caller with the services, a request id and loaders of its own', () => {
    const ctx = get('/documents/d1/content', signedFor('/documents/d1/content'));
    expect(ctx.identity).toEqual(alice);
    expect(ctx.services).toBe(services);
    expect(ctx.requestId).toBeTruthy();
    expect(get('/documents/d1/content', {}).loaders).not.toBe(ctx.loaders);
  });

  it('takes a request without a valid statement as anonymous, and logs the refused ones', () => {
    refused.length = 0;
    expect(get('/documents/d1/content', {}).identity.userId).toBeNull();
    expect(refused).toEqual([]);
    const once = signedFor('/documents/d1/content');
    get('/documents/d1/content', once);
    const cases = [
      once, // a replay
      signedFor('/documents/d2/content'), // signed for another path
      signedFor('/documents/d1/content', 'accounting'), // addressed to another subgraph
      { ...signedFor('/documents/d1/content'), [IDENTITY_SIGNATURE_HEADER]: 'gateway.forged' },
    ];
    for (const headers of cases) expect(get('/documents/d1/content', headers).identity.userId).toBeNull();
    expect(refused).toHaveLength(cases.length);
  });
});
