import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import type { DataSource } from 'typeorm';
import { createForwardedIdentityVerifier } from '../auth/forwarded.js';
import { ANONYMOUS, type Identity } from '../auth/identity.js';
import type { Keyring } from '../auth/keys.js';
import type { PlatformConfig, ServiceName } from '../config.js';
import { LoaderRegistry } from '../graphql/loaders.js';
import type { Logger } from '../logger.js';
import { requestTraceId } from '../observability/index.js';
import type { ServiceContext } from './definition.js';

/**
 * Each request's context: the identity the gateway forwarded (verified, addressed to this subgraph),
 * or anonymous when none came; forged, stale or malformed headers are refused with 401.
 */
export function serviceContext<S>(options: {
  name: ServiceName;
  keyring: Keyring;
  config: PlatformConfig;
  log: Logger;
  db: DataSource;
  services: S;
}): (req: IncomingMessage, rawBody: string) => Promise<ServiceContext<S>> {
  const { keyring, config, log } = options;
  const forwardedIdentity = createForwardedIdentityVerifier({ audience: options.name, keyring, config });
  return async (req, rawBody) => {
    const verified = forwardedIdentity(req.headers, rawBody);
    let identity: Identity = ANONYMOUS;
    if (verified.ok) identity = verified.identity;
    else if (verified.reason !== 'missing') {
      // Forged, stale or malformed identity headers: someone tried to go around the gateway.
      log.warn({ reason: verified.reason }, 'refused identity headers');
      throw new GraphQLError('the forwarded identity is not valid', {
        extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
      });
    }
    return requestContext(identity, req, options);
  };
}

/** What a resolver or a route handler gets for one request by `identity`: its id, log and loaders. */
export function requestContext<S>(
  identity: Identity,
  req: IncomingMessage,
  { log, db, services }: { log: Logger; db: DataSource; services: S },
): ServiceContext<S> {
  const requestId = (req.headers['x-request-id'] as string | undefined)?.slice(0, 100) || randomUUID();
  return new RequestContext(identity, requestId, db, services, log, req);
}

/**
 * The request's logger is made when first used: a child logger serialises (and redacts) its ids up
 * front, work wasted on the requests that log nothing (all of them, below the info level). A class, so
 * the getter sits on the prototype, which Apollo's per-operation copy of the context keeps (it copies
 * own properties only, and would call a getter of the object itself).
 */
class RequestContext<S> implements ServiceContext<S> {
  readonly loaders = new LoaderRegistry();
  private child: Logger | undefined;

  constructor(
    readonly identity: Identity,
    readonly requestId: string,
    readonly db: DataSource,
    readonly services: S,
    private readonly serviceLog: Logger,
    private readonly req: IncomingMessage,
  ) {}

  get log(): Logger {
    this.child ??= this.serviceLog.child({
      requestId: this.requestId,
      traceId: requestTraceId(this.req),
      userId: this.identity.userId,
    });
    return this.child;
  }
}
