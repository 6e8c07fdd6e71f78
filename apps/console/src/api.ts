import { useCallback, useEffect, useRef, useState } from 'react';
import { TOKEN_KEY } from './auth';
import { RequestError } from './failure';
import type { Operation } from './gql';

export { RequestError } from './failure';
export type { Operation } from './gql';

/** A small GraphQL client for the gateway's /graphql with the signed-in user's token. */
export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string };
}

export interface Result<TData> {
  data: TData | null;
  errors: GraphQLError[];
}

/** `token` overrides the signed-in user's (the login page reads the directory with its own). */
export async function request<TData, TVars>(
  op: Operation<TData, TVars>,
  variables?: TVars,
  token: string | null = localStorage.getItem(TOKEN_KEY),
): Promise<Result<TData>> {
  let res: Response;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query: op.toString(), variables }),
    });
  } catch {
    throw new RequestError('the gateway cannot be reached', 'UNREACHABLE');
  }
  const body = (await res.json().catch(() => null)) as { data?: TData; errors?: GraphQLError[] } | null;
  // The contract has no code for the rate limit; the status says it (the message says when to retry).
  const status = res.status === 429 ? 'TOO_MANY_REQUESTS' : undefined;
  if (!body) throw new RequestError(`HTTP ${res.status} without a GraphQL body`, status ?? 'BAD_RESPONSE');
  const errors = body.errors ?? [];
  if (!body.data) {
    const first = errors[0];
    throw new RequestError(first?.message ?? `HTTP ${res.status}`, status ?? first?.extensions?.code);
  }
  return { data: body.data, errors };
}

/** Runs a mutation and throws its first error, so forms show one message. */
export async function mutate<TData, TVars>(op: Operation<TData, TVars>, variables: TVars): Promise<TData> {
  const result = await request(op, variables);
  if (result.errors.length > 0) {
    const first = result.errors[0];
    throw new RequestError(first.message, first.extensions?.code);
  }
  return result.data as TData;
}

/** A field's GraphQL error as a failure to show (ErrorText translates it by its code). */
export function failureOf(error: GraphQLError): RequestError {
  return new RequestError(error.message, error.extensions?.code);
}

/** The error of one field (by path prefix), e.g. FORBIDDEN on `employee.contract`. */
export function fieldError(errors: GraphQLError[], ...path: (string | number)[]): GraphQLError | undefined {
  return errors.find((e) => path.every((p, i) => e.path?.[i] === p));
}

export interface QueryState<TData> {
  data: TData | null;
  errors: GraphQLError[];
  error: RequestError | null;
  loading: boolean;
  reload(): void;
}

/** Fetches on mount and whenever the variables change; `skip` waits for inputs. */
export function useQuery<TData, TVars>(
  op: Operation<TData, TVars>,
  variables?: TVars,
  options: { skip?: boolean; pollMs?: number } = {},
): QueryState<TData> {
  const [state, setState] = useState<Omit<QueryState<TData>, 'reload'>>({
    data: null,
    errors: [],
    error: null,
    loading: !options.skip,
  });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables ?? {});
  const latest = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `tick` (reload, polling) is a trigger only
  useEffect(() => {
    if (options.skip) return;
    const call = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    request(op, JSON.parse(key) as TVars).then(
      (result) => {
        if (call === latest.current)
          setState({ data: result.data, errors: result.errors, error: null, loading: false });
      },
      (error: unknown) => {
        if (call !== latest.current) return;
        const failure = error instanceof RequestError ? error : new RequestError(String(error));
        setState({ data: null, errors: [], error: failure, loading: false });
      },
    );
  }, [op, key, tick, options.skip]);

  useEffect(() => {
    if (!options.pollMs) return;
    const timer = setInterval(() => setTick((t) => t + 1), options.pollMs);
    return () => clearInterval(timer);
  }, [options.pollMs]);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}
