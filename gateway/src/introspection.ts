import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { type DocumentNode, execute, GraphQLError, Kind, type SelectionSetNode } from 'graphql';
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
 * True when every root field of the operation is `__schema`, `__type` or `__typename` (also through
 * fragments) and at least one is `__schema` or `__type`: an introspection query and nothing else.
 */
export function onlyIntrospection(set: SelectionSetNode, document: DocumentNode): boolean {
  let asks = false;
  const seen = new Set<string>();
  const walk = (selections: SelectionSetNode): boolean =>
    selections.selections.every((selection) => {
      if (selection.kind === Kind.FIELD) {
        if (INTROSPECTION_FIELDS.has(selection.name.value)) asks = true;
        return INTROSPECTION_FIELDS.has(selection.name.value) || selection.name.value === '__typename';
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) return walk(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name)) return true;
      seen.add(name);
      const fragment = document.definitions.find(
        (d) => d.kind === Kind.FRAGMENT_DEFINITION && d.name.value === name,
      );
      return fragment?.kind === Kind.FRAGMENT_DEFINITION ? walk(fragment.selectionSet) : false;
    });
  return walk(set) && asks;
}

/**
 * Who may introspect, and how introspection is answered.
 *
 * INTROSPECTION=authenticated: the schema is served to signed-in callers only. (`off` is Apollo's own
 * `introspection: false`; `open` needs no check.) `__typename` stays available to everyone.
 *
 * An operation that is introspection only is answered here with graphql-js over the API schema
 * Apollo validated it against, once every didResolveOperation check (this one, the cost limit) has
 * passed: the gateway's query planner knows the introspection fields of an older spec and refuses
 * newer ones the standard query asks for (`__Type.isOneOf`, getIntrospectionQuery({ oneOf: true })).
 * A result with errors is left to the usual path, so errors are still shaped by formatError.
 */
export function introspectionPlugin(mode: IntrospectionMode): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          if (mode !== 'authenticated') return;
          if (!operation || contextValue.identity.userId !== null) return;
          if (!asksForIntrospection(operation.selectionSet, document)) return;
          throw new GraphQLError('introspection needs a signed-in caller (INTROSPECTION=authenticated)', {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        },
        async responseForOperation({ schema, document, operation, request, contextValue }) {
          if (operation?.operation !== 'query' || !onlyIntrospection(operation.selectionSet, document)) {
            return null;
          }
          const result = await execute({
            schema,
            document,
            operationName: operation.name?.value,
            variableValues: request.variables,
            contextValue,
          });
          if (result.errors?.length) return null;
          return {
            http: { status: undefined, headers: new HeaderMap() },
            body: { kind: 'single', singleResult: { data: result.data } },
          };
        },
      };
    },
  };
}
