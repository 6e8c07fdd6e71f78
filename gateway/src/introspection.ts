import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, GraphQLError, Kind, type SelectionSetNode } from 'graphql';
import type { IntrospectionMode } from './config.js';
import type { GatewayContext } from './context.js';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** True when the operation asks for `__schema` or `__type` (root fields, also through fragments). */
export function asksForIntrospection(set: SelectionSetNode, document: DocumentNode): boolean {
  const seen = new Set<string>();
  const walk = (selections: SelectionSetNode): boolean =>
    selections.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return INTROSPECTION_FIELDS.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return walk(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return false;
      seen.add(name);
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name,
      );
      return fragment?.kind === Kind.FRAGMENT_DEFINITION ? walk(fragment.selectionSet) : false;
    });
  return walk(set);
}

/**
 * INTROSPECTION=authenticated: the schema is served to signed-in callers only. (`off` is Apollo's own
 * `introspection: false`; `open` needs no plugin.) `__typename` stays available to everyone.
 */
export function introspectionPlugin(mode: IntrospectionMode): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      if (mode !== 'authenticated') return {};
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (!operation || contextValue.identity.userId !== null) return;
          if (!asksForIntrospection(operation.selectionSet, document)) return;
          throw new GraphQLError('introspection needs a signed-in caller (INTROSPECTION=authenticated)', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        },
      };
    },
  };
}
