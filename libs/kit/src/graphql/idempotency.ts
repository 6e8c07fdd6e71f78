import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash, randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { DataSource, EntitySubscriberInterface, TransactionCommitEvent } from 'typeorm';
import type { Identity } from '../auth/identity.js';
import { conflict, isTransientDatabaseError } from '../errors.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * How long a claim without a committed effect holds before a retry may take it over. Only availability
 * hangs on it: a request still running when its claim is taken over cannot commit (IdempotencyFence).
 */
export const IDEMPOTENCY_CLAIM_LEASE_MS = 15_000;

interface Claim {
  caller: string;
  key: string;
  token: string;
}

/**
 * What one GraphQL request has claimed, visible to the database layer while the request runs
 * (http.ts runs each request in its own scope; IdempotencyFence reads it at commit).
 */
const requestScope = new AsyncLocalStorage<{ claim?: Claim }>();

export function inIdempotencyScope<T>(fn: () => Promise<T>): Promise<T> {
  return requestScope.run({}, fn);
}

/**
 * Whether the caller runs on behalf of a GraphQL request (inside its scope) rather than a job, the
 * relay or a consumer: what tests that count a request's statements go by.
 */
export function insideGraphQLRequest(): boolean {
  return requestScope.getStore() !== undefined;
}

/**
 * Commits a mutation's effect and its idempotency claim together: just before each commit made
 * while a claimed request runs, the claim is marked committed, fenced by its token. If a retry took
 * the claim over meanwhile (this request was presumed dead), the commit is refused and rolls back,
 * so two executions of one key can never both take effect.
 */
export class IdempotencyFence implements EntitySubscriberInterface {
  async beforeTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    const claim = requestScope.getStore()?.claim;
    if (!claim) return;
    const [row] = (await event.queryRunner.query(
      `WITH marked AS (
         UPDATE idempotency_key SET committed_at = coalesce(committed_at, clock_timestamp())
          WHERE caller = $1 AND key = $2 AND claim_token = $3 RETURNING 1)
       SELECT count(*)::int AS n FROM marked`,
      [claim.caller, claim.key, claim.token],
    )) as { n: number }[];
    if (row.n === 0)
      throw conflict(
        'this Idempotency-Key was taken over by a retry while this request ran; its result stands',
      );
  }
}

/** A request's claim on its Idempotency-Key, as held while the request runs. */
export type IdempotencyClaim = Readonly<Claim>;

/**
 * The claim of the calling request, if it has one. For work one request hands to a commit shared with
 * others (group commit): captured when the work is handed over, then marked by
 * markIdempotencyClaimsCommitted inside the shared transaction, since IdempotencyFence only sees the
 * claim of the request whose async context runs the commit.
 */
export function currentIdempotencyClaim(): IdempotencyClaim | undefined {
  return requestScope.getStore()?.claim;
}

/**
 * IdempotencyFence's fenced mark for several claims at once, inside the transaction that commits their
 * effects. Throws CONFLICT (and so rolls that transaction back) if a retry took any of them over: the
 * caller then commits each effect on its own, where the fence answers for each claim.
 */
export async function markIdempotencyClaimsCommitted(
  db: { query(sql: string, parameters?: unknown[]): Promise<unknown> },
  claims: readonly (IdempotencyClaim | undefined)[],
): Promise<void> {
  const distinct = [...new Map(claims.flatMap((c) => (c ? [[c.token, c] as const] : []))).values()];
  if (distinct.length === 0) return;
  const [row] = (await db.query(
    `WITH marked AS (
       UPDATE idempotency_key k SET committed_at = coalesce(k.committed_at, clock_timestamp())
         FROM unnest($1::text[], $2::text[], $3::uuid[]) AS c(caller, key, token)
        WHERE k.caller = c.caller AND k.key = c.key AND k.claim_token = c.token RETURNING 1)
     SELECT count(*)::int AS n FROM marked`,
    [distinct.map((c) => c.caller), distinct.map((c) => c.key), distinct.map((c) => c.token)],
  )) as { n: number }[];
  if (row.n !== distinct.length)
    throw conflict('an Idempotency-Key was taken over by a retry while its request ran; its result stands');
}

/**
 * Honours `Idempotency-Key` on mutations: the first request with a key claims it and its response is
 * kept; a repeat by the same caller with the same operation and variables gets that response and
 * changes nothing; the same key with a different request answers CONFLICT. A request that failed
 * without data and without committing anything releases its key, so the client may retry it.
 *
 * A process can die between claiming a key and storing the response. If it died before its effect
 * committed, the claim is taken over by the first retry after IDEMPOTENCY_CLAIM_LEASE_MS; if the
 * effect committed but the response was lost, retries are told so instead of running it twice.
 */
export function idempotencyPlugin(db: () => DataSource): ApolloServerPlugin<{ identity: Identity }> {
  return {
    async requestDidStart(start: GraphQLRequestContext<{ identity: Identity }>) {
      const key = start.request.http?.headers.get(IDEMPOTENCY_HEADER)?.trim();
      if (!key) return {};
      let owner: Claim | undefined;
      return {
        async responseForOperation({ operation, request, contextValue }) {
          if (operation.operation !== 'mutation') return null;
          if (key.length > 200)
            return conflictResponse('Idempotency-Key is longer than 200 characters', 'BAD_USER_INPUT');
          const caller = contextValue.identity.userId ?? 'anonymous';
          const hash = createHash('sha256')
            .update(`${request.query ?? ''}\n${JSON.stringify(request.variables ?? {})}`)
            .digest('hex');
          const token = randomUUID();
          // A new key, or a stale claim of the same request whose process never committed.
          const claimed = await db().query(
            `INSERT INTO idempotency_key AS k (caller, key, request_hash, claim_token) VALUES ($1, $2, $3, $4)
             ON CONFLICT (caller, key) DO UPDATE
                SET claim_token = EXCLUDED.claim_token, claimed_at = clock_timestamp()
              WHERE k.response IS NULL AND k.committed_at IS NULL AND k.request_hash = EXCLUDED.request_hash
                AND k.claimed_at < clock_timestamp() - make_interval(secs => $5)
             RETURNING 1`,
            [caller, key, hash, token, IDEMPOTENCY_CLAIM_LEASE_MS / 1000],
          );
          if (claimed.length > 0) {
            owner = { caller, key, token };
            const scope = requestScope.getStore();
            if (scope) scope.claim = owner;
            return null;
          }
          const [row] = await db().query(
            'SELECT request_hash, response, committed_at FROM idempotency_key WHERE caller = $1 AND key = $2',
            [caller, key],
          );
          if (!row) return conflictResponse('a request with this Idempotency-Key is still in progress');
          if (row.request_hash !== hash) {
            return conflictResponse('this Idempotency-Key was used for a different request; use a new key');
          }
          if (row.response) {
            return {
              http: { status: undefined, headers: new Map() } as any,
              body: { kind: 'single', singleResult: row.response },
            };
          }
          if (row.committed_at)
            return conflictResponse(
              'the request with this Idempotency-Key was applied, but the service stopped before answering; look up its result instead of retrying',
            );
          return conflictResponse(
            `a request with this Idempotency-Key is still in progress; retry after ${IDEMPOTENCY_CLAIM_LEASE_MS / 1000} s if it never answers`,
          );
        },
        async willSendResponse({ response, contextValue }) {
          if (!owner || response.body.kind !== 'single') return;
          const claim = owner;
          const result = response.body.singleResult;
          // Our own claim only (the token): a retry that took it over owns the key now.
          const keep = async () => {
            if (result.errors?.length && !result.data) {
              const [gone] = await db().query(
                `WITH gone AS (DELETE FROM idempotency_key
                   WHERE caller = $1 AND key = $2 AND claim_token = $3 AND committed_at IS NULL RETURNING 1)
                 SELECT count(*)::int AS n FROM gone`,
                [claim.caller, claim.key, claim.token],
              );
              if (gone.n > 0) return;
            }
            await db().query(
              'UPDATE idempotency_key SET response = $4 WHERE caller = $1 AND key = $2 AND claim_token = $3',
              [
                claim.caller,
                claim.key,
                claim.token,
                JSON.stringify({ data: result.data, errors: result.errors }),
              ],
            );
          };
          // The effect may have committed already: whatever happens to the bookkeeping, the client
          // gets its real response. A connection cut gets two more tries; after that the key stays
          // claimed, and a retry learns the request was applied (or takes the key over if it was not).
          for (let attempt = 1; ; attempt++) {
            try {
              await keep();
              return;
            } catch (error) {
              if (attempt < 3 && isTransientDatabaseError(error)) {
                await new Promise((r) => setTimeout(r, 50 * attempt));
                continue;
              }
              (contextValue as { log?: { warn(o: object, m: string): void } }).log?.warn(
                { err: (error as Error).message, idempotencyKey: claim.key },
                'could not store the response of an idempotent request',
              );
              return;
            }
          }
        },
      };
    },
  };
}

function conflictResponse(message: string, code = 'CONFLICT') {
  return {
    http: { status: undefined, headers: new Map() } as any,
    body: { kind: 'single' as const, singleResult: { errors: [{ message, extensions: { code } }] } as any },
  };
}
