/** A GraphQL error as the gateway returns it; `extensions.code` carries the contract's codes. */
export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface GraphQLResponse<T = any> {
  data: T | null | undefined;
  errors: GraphQLError[] | undefined;
  /** The HTTP status, for tests of transport-level behaviour. */
  status: number;
}

export interface RequestOptions {
  /** Extra headers, e.g. `Idempotency-Key`. */
  headers?: Record<string, string>;
}

export interface GraphQLClient {
  query<T = any>(
    query: string,
    variables?: Record<string, unknown>,
    options?: RequestOptions,
  ): Promise<GraphQLResponse<T>>;
  /** The same endpoint with another caller (or anonymous with `undefined`). */
  as(token: string | undefined): GraphQLClient;
}

/** Posts queries to `url` with `Authorization: Bearer <token>` when a token is given. */
export function graphqlClient(url: string, token?: string): GraphQLClient {
  return {
    async query(query, variables, options = {}) {
      const headers: Record<string, string> = { 'content-type': 'application/json', ...options.headers };
      if (token) headers.authorization = `Bearer ${token}`;
      const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
      const text = await res.text();
      let body: { data?: unknown; errors?: GraphQLError[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new Error(`${url} answered ${res.status} with a body that is not JSON: ${text.slice(0, 200)}`);
      }
      return { data: body.data as any, errors: body.errors, status: res.status };
    },
    as: (other) => graphqlClient(url, other),
  };
}

/** The `extensions.code` of each error, for compact assertions. */
export function errorCodes(response: GraphQLResponse): (string | undefined)[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}
