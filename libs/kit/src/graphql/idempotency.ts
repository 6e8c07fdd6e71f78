import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import type { DataSource } from 'typeorm';
import type { Identity } from '../auth/identity.js';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

/**
 * Honours `Idempotency-Key` on mutations: the first request with a key claims it and its response is
 * kept; a repeat by the same caller with the same operation and variables gets that response and
 * changes nothing; the same key with a different request answers CONFLICT. A request that failed
 * without data releases its key, so the client may retry it.
 */
export function idempotencyPlugin(db: () => DataSource): ApolloServerPlugin<{ identity: Identity }> {
  return {
    async requestDidStart(start: GraphQLRequestContext<{ identity: Identity }>) {
      const key = start.request.http?.headers.get(IDEMPOTENCY_HEADER)?.trim();
      if (!key) return {};
      let owner: { caller: string; key: string } | undefined;
      return {
        async responseForOperation({ operation, request, contextValue }) {
          if (operation.operation !== 'mutation') return null;
          if (key.length > 200)
            return conflictResponse('Idempotency-Key is longer than 200 characters', 'BAD_USER_INPUT');
          const caller = contextValue.identity.userId ?? 'anonymous';
          const hash = createHash('sha256')
            .update(`${request.query ?? ''}\n${JSON.stringify(request.variables ?? {})}`)
            .digest('hex');
          const claimed = await db().query(
            `INSERT INTO idempotency_key (caller, key, request_hash) VALUES ($1, $2, $3)
             ON CONFLICT DO NOTHING RETURNING 1`,
            [caller, key, hash],
          );
          if (claimed.length > 0) {
            owner = { caller, key };
            return null;
          }
          const [row] = await db().query(
            'SELECT request_hash, response FROM idempotency_key WHERE caller = $1 AND key = $2',
            [caller, key],
          );
          if (!row) return conflictResponse('a request with this Idempotency-Key is still in progress');
          if (row.request_hash !== hash) {
            return conflictResponse('this Idempotency-Key was used for a different request; use a new key');
          }
          if (!row.response)
            return conflictResponse('a request with this Idempotency-Key is still in progress');
          return {
            http: { status: undefined, headers: new Map() } as any,
            body: { kind: 'single', singleResult: row.response },
          };
        },
        async willSendResponse({ response }) {
          if (!owner || response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          if (result.errors?.length && !result.data) {
            await db().query('DELETE FROM idempotency_key WHERE caller = $1 AND key = $2', [
              owner.caller,
              owner.key,
            ]);
          } else {
            await db().query('UPDATE idempotency_key SET response = $3 WHERE caller = $1 AND key = $2', [
              owner.caller,
              owner.key,
              JSON.stringify({ data: result.data, errors: result.errors }),
            ]);
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
