import type { ApolloServerPlugin } from '@apollo/server';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import type { GatewayContext } from './context.js';

/**
 * A cost estimate per operation, checked once the operation is known and before it is planned: every
 * field counts 1 per time it may be resolved. A field with a `first` argument (a connection) multiplies
 * what is below it by `first`, or by the page size the services use when it is absent; any other list
 * field multiplies by the same default, except the `edges`/`nodes` lists right under a connection,
 * which `first` already counted. Introspection fields are free: their size is bounded by the schema.
 *
 * The estimate is linear in the multiplier, so each fragment is costed once and scaled, which keeps
 * fragment spreads nested ten deep from turning the estimate itself into the attack.
 */
export const DEFAULT_PAGE_SIZE = 20;

export interface CostOptions {
  maxCost: number;
  defaultPageSize?: number;
}

function firstArgument(
  node: { arguments?: readonly { name: { value: string }; value: ValueNode }[] },
  variables: Record<string, unknown>,
): number | undefined {
  const arg = node.arguments?.find((a) => a.name.value === 'first');
  if (!arg) return undefined;
  let value: unknown;
  if (arg.value.kind === Kind.INT) value = Number(arg.value.value);
  else if (arg.value.kind === Kind.VARIABLE) value = variables[arg.value.name.value];
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> = {},
  defaultPageSize = DEFAULT_PAGE_SIZE,
): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, number>();
  const inProgress = new Set<string>();

  const setCost = (
    set: SelectionSetNode,
    parent: GraphQLNamedType | undefined,
    underConnection: boolean,
  ): number => {
    let cost = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        if (name.startsWith('__')) continue;
        const field =
          parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields()[name] : undefined;
        // Unknown fields fail validation; nothing to count.
        if (!field) continue;
        let factor = 1;
        let connection = false;
        if (field.args.some((a) => a.name === 'first')) {
          factor = firstArgument(selection, variables) ?? defaultPageSize;
          connection = true;
        } else if (isListType(getNullableType(field.type))) {
          factor = underConnection ? 1 : defaultPageSize;
        }
        const below = selection.selectionSet
          ? setCost(selection.selectionSet, getNamedType(field.type), connection)
          : 0;
        cost += 1 + factor * below;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
        cost += setCost(selection.selectionSet, type ?? undefined, underConnection);
      } else {
        const name = selection.name.value;
        const key = `${name}:${underConnection}`;
        const known = memo.get(key);
        if (known !== undefined) {
          cost += known;
          continue;
        }
        const fragment = fragments.get(name);
        // Unknown fragments and cycles are graphql's own validation errors.
        if (!fragment || inProgress.has(name)) continue;
        inProgress.add(name);
        const type = schema.getType(fragment.typeCondition.name.value) ?? undefined;
        const own = setCost(fragment.selectionSet, type, underConnection);
        inProgress.delete(name);
        memo.set(key, own);
        cost += own;
      }
    }
    return cost;
  };

  const root =
    operation.operation === 'mutation'
      ? schema.getMutationType()
      : operation.operation === 'subscription'
        ? schema.getSubscriptionType()
        : schema.getQueryType();
  return setCost(operation.selectionSet, root ?? undefined, false);
}

/** Refuses an operation whose estimate is over MAX_COST, with BAD_USER_INPUT naming the limit. */
export function costLimitPlugin(options: CostOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = estimateCost(
            schema,
            document,
            operation,
            request.variables ?? {},
            options.defaultPageSize,
          );
          if (cost <= options.maxCost) return;
          const name = operation.name ? `operation "${operation.name.value}"` : 'the operation';
          throw new GraphQLError(
            `${name} may resolve about ${cost} fields; the limit is ${options.maxCost} (MAX_COST). Ask for smaller pages (first) or fewer nested lists.`,
            { extensions: { code: 'BAD_USER_INPUT', limit: 'MAX_COST', cost, http: { status: 400 } } },
          );
        },
      };
    },
  };
}
