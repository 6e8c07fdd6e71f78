import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'graphiql/style.css';
import { TOKEN_KEY } from './auth';

/**
 * The analyst workbench: GraphiQL bundled from the npm package (no CDN), against this origin's
 * /graphql, with the console's token pre-filled in the headers and the example queries of
 * docs/queries/*.graphql offered as tabs.
 */
const examples = import.meta.glob('../../../docs/queries/*.graphql', {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>;

const token = localStorage.getItem(TOKEN_KEY);
const headers = JSON.stringify(token ? { Authorization: `Bearer ${token}` } : {}, null, 2);
const tabs = Object.entries(examples)
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([, query]) => ({ query, headers }));

const base = createGraphiQLFetcher({ url: `${location.origin}/graphql` });

/**
 * GraphiQL's introspection nests ofType seven levels deep, past the gateway's MAX_QUERY_DEPTH; our
 * schema never wraps a type more than [X!]! (three levels), so a four-level TypeRef is enough.
 */
const SHALLOW_TYPE_REF = `fragment TypeRef on __Type {
  kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }
}`;
const fetcher: typeof base = (params, options) => {
  if (params.operationName === 'IntrospectionQuery' && params.query.includes('fragment TypeRef on __Type')) {
    const query =
      params.query.slice(0, params.query.indexOf('fragment TypeRef on __Type')) + SHALLOW_TYPE_REF;
    return base({ ...params, query }, options);
  }
  return base(params, options);
};

createRoot(document.getElementById('graphiql') as HTMLElement).render(
  <StrictMode>
    <GraphiQL
      fetcher={fetcher}
      defaultHeaders={headers}
      defaultTabs={tabs.length > 0 ? tabs : undefined}
      shouldPersistHeaders={false}
    />
  </StrictMode>,
);
