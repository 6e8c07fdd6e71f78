import { createHash } from 'node:crypto';
import { hasRole, type Identity } from '@backoffice/kit';
import type { SecurityConfig } from './config.js';

/**
 * Persisted operations: a manifest of `{ "<sha256 of the query text>": "query text" }`. A client sends
 * either the text, or only the hash the Apollo way (`extensions.persistedQuery.sha256Hash`) or as a
 * bare `id`; the gateway fills the text in from the manifest.
 *
 * With PERSISTED_QUERIES_ONLY=true, callers without one of ADHOC_QUERY_ROLES may only run operations of
 * the manifest (by hash, or by a text whose hash is in it): the front-office UIs' operations are known
 * in advance, and a stolen employee token cannot be used to explore the graph.
 */
export type PersistedOutcome =
  | { ok: true; query: string | undefined }
  | { ok: false; status: number; message: string };

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The hash a request names, from its `extensions` (object or JSON text, as GET sends it) or `id`. */
export function requestedHash(extensions: unknown, id: unknown): string | undefined {
  let parsed = extensions;
  if (typeof parsed === 'string') {
    try {
      parsed = JSON.parse(parsed);
    } catch {
      parsed = undefined;
    }
  }
  const hash = (parsed as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery
    ?.sha256Hash;
  if (typeof hash === 'string') return hash.toLowerCase();
  return typeof id === 'string' ? id.toLowerCase() : undefined;
}

export function resolvePersisted(
  security: SecurityConfig,
  identity: Identity,
  query: unknown,
  hash: string | undefined,
): PersistedOutcome {
  const text = typeof query === 'string' && query.trim() !== '' ? query : undefined;
  const known = hash !== undefined ? security.persistedQueries.get(hash) : undefined;
  if (hash !== undefined && !known && !text) {
    return {
      ok: false,
      status: 400,
      message: `no persisted operation with hash ${hash.slice(0, 64)}; send the query text or register it in the manifest (PERSISTED_QUERIES_PATH)`,
    };
  }
  if (text && hash !== undefined && sha256Hex(text) !== hash) {
    return { ok: false, status: 400, message: 'the query text does not match its sha256Hash' };
  }
  const effective = text ?? known;
  if (!security.persistedQueriesOnly || hasRole({ identity }, ...security.adhocQueryRoles)) {
    return { ok: true, query: effective };
  }
  if (effective !== undefined && !security.persistedQueries.has(hash ?? sha256Hex(effective))) {
    return {
      ok: false,
      status: 400,
      message: `only persisted operations are accepted (PERSISTED_QUERIES_ONLY); ad-hoc queries need one of the roles ${security.adhocQueryRoles.join(', ')}`,
    };
  }
  return { ok: true, query: effective };
}
