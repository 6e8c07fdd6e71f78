import {
  type ASTVisitor,
  type DocumentNode,
  type FragmentDefinitionNode,
  GraphQLError,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import type { GatewayLimits } from './config.js';

/**
 * Shape limits checked before a query is planned: depth, aliases and directives. Each is measured per
 * operation with fragment spreads followed, so a fragment spread ten times counts ten times (the
 * classic way to hide an alias bomb).
 *
 * Introspection: the subtree of a root `__schema` or `__type` field is measured on its own, against
 * MAX_INTROSPECTION_DEPTH, not MAX_QUERY_DEPTH: the standard introspection query (GraphiQL's, graphql-js
 * `getIntrospectionQuery()`) is 15 levels deep, most of it `ofType` chains. Only those two fields at the
 * operation's root (also through root-level fragments) are set apart, by their field name, never their
 * alias; every other root field next to them, however the query looks, counts against MAX_QUERY_DEPTH.
 * Below `__schema`/`__type` only introspection types exist (validation refuses anything else there), and
 * graphql's own MaxIntrospectionDepthRule bounds the cyclic lists (`fields { type { fields ...`), so what
 * is set apart is bounded by the schema. Aliases and directives count everywhere, introspection too.
 *
 * Apollo Server turns validation errors into GRAPHQL_VALIDATION_FAILED; the `limit` extension lets
 * formatError give them BAD_USER_INPUT, the code of every limit the gateway sets (errors.ts).
 */
export interface OperationShape {
  /** The deepest path outside introspection. */
  depth: number;
  /** The deepest root `__schema`/`__type` subtree, 0 without one. */
  introspectionDepth: number;
  aliases: number;
  directives: number;
}

/**
 * Deep enough for the standard introspection query (15 levels with every option of graphql 16) and
 * tools asking for a few more `ofType` levels; not configurable, the schema bounds what it can cost.
 */
export const MAX_INTROSPECTION_DEPTH = 20;

const INTROSPECTION_ROOT_FIELDS = new Set(['__schema', '__type']);

const ZERO: OperationShape = { depth: 0, introspectionDepth: 0, aliases: 0, directives: 0 };

export function measureOperation(operation: OperationDefinitionNode, document: DocumentNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const memo = new Map<string, OperationShape>();
  const inProgress = new Set<string>();

  const fragmentShape = (name: string): OperationShape => {
    const known = memo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    // Unknown fragments and cycles are reported by graphql's own rules; count them as nothing here.
    if (!fragment || inProgress.has(name)) return ZERO;
    inProgress.add(name);
    const own = fragment.directives?.length ?? 0;
    const inner = selectionSetShape(fragment.selectionSet);
    inProgress.delete(name);
    const shape = { ...inner, directives: inner.directives + own };
    memo.set(name, shape);
    return shape;
  };

  /** The operation's root: `__schema`/`__type` set apart, through inline fragments and spreads. */
  const rootMemo = new Map<string, OperationShape>();
  const rootInProgress = new Set<string>();
  const rootFragmentShape = (name: string): OperationShape => {
    const known = rootMemo.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || rootInProgress.has(name)) return ZERO;
    rootInProgress.add(name);
    const own = fragment.directives?.length ?? 0;
    const inner = rootSetShape(fragment.selectionSet);
    rootInProgress.delete(name);
    const shape = { ...inner, directives: inner.directives + own };
    rootMemo.set(name, shape);
    return shape;
  };

  const rootSetShape = (set: SelectionSetNode): OperationShape => {
    let depth = 0;
    let introspectionDepth = 0;
    let aliases = 0;
    let directives = 0;
    for (const selection of set.selections) {
      let inner: OperationShape;
      if (selection.kind === Kind.FIELD && INTROSPECTION_ROOT_FIELDS.has(selection.name.value)) {
        directives += selection.directives?.length ?? 0;
        if (selection.alias) aliases += 1;
        const below = selection.selectionSet ? selectionSetShape(selection.selectionSet) : ZERO;
        inner = { ...below, depth: 0, introspectionDepth: below.depth + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        directives += selection.directives?.length ?? 0;
        inner = rootSetShape(selection.selectionSet);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        directives += selection.directives?.length ?? 0;
        inner = rootFragmentShape(selection.name.value);
      } else {
        inner = selectionSetShape({ kind: Kind.SELECTION_SET, selections: [selection] });
      }
      depth = Math.max(depth, inner.depth);
      introspectionDepth = Math.max(introspectionDepth, inner.introspectionDepth);
      aliases += inner.aliases;
      directives += inner.directives;
    }
    return { depth, introspectionDepth, aliases, directives };
  };

  const selectionSetShape = (set: SelectionSetNode): OperationShape => {
    let depth = 0;
    let aliases = 0;
    let directives = 0;
    for (const selection of set.selections) {
      directives += selection.directives?.length ?? 0;
      let inner: OperationShape;
      if (selection.kind === Kind.FIELD) {
        if (selection.alias) aliases += 1;
        const below = selection.selectionSet ? selectionSetShape(selection.selectionSet) : ZERO;
        inner = { ...below, depth: below.depth + 1 };
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        inner = selectionSetShape(selection.selectionSet);
      } else {
        inner = fragmentShape(selection.name.value);
      }
      depth = Math.max(depth, inner.depth);
      aliases += inner.aliases;
      directives += inner.directives;
    }
    return { depth, introspectionDepth: 0, aliases, directives };
  };

  const shape = rootSetShape(operation.selectionSet);
  // Directives on the operation itself and on its variable definitions count too.
  let own = operation.directives?.length ?? 0;
  for (const variable of operation.variableDefinitions ?? []) own += variable.directives?.length ?? 0;
  return { ...shape, directives: shape.directives + own };
}

function limitError(message: string, limit: string, node: OperationDefinitionNode): GraphQLError {
  return new GraphQLError(message, { nodes: [node], extensions: { code: 'BAD_USER_INPUT', limit } });
}

/** One validation rule for all three limits: the document is walked once per operation. */
export function operationLimitsRule(
  limits: Pick<GatewayLimits, 'maxQueryDepth' | 'maxAliases' | 'maxDirectives'>,
) {
  return (context: ValidationContext): ASTVisitor => ({
    Document(document) {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const shape = measureOperation(definition, document);
        const name = definition.name ? `operation "${definition.name.value}"` : 'the operation';
        if (shape.depth > limits.maxQueryDepth) {
          context.reportError(
            limitError(
              `${name} is ${shape.depth} levels deep; the limit is ${limits.maxQueryDepth} (MAX_QUERY_DEPTH). Split it into smaller queries.`,
              'MAX_QUERY_DEPTH',
              definition,
            ),
          );
        }
        if (shape.introspectionDepth > MAX_INTROSPECTION_DEPTH) {
          context.reportError(
            limitError(
              `${name} asks for introspection ${shape.introspectionDepth} levels deep; the limit is ${MAX_INTROSPECTION_DEPTH} (MAX_INTROSPECTION_DEPTH).`,
              'MAX_INTROSPECTION_DEPTH',
              definition,
            ),
          );
        }
        if (shape.aliases > limits.maxAliases) {
          context.reportError(
            limitError(
              `${name} uses ${shape.aliases} aliases; the limit is ${limits.maxAliases} (MAX_ALIASES). Batch the work over several requests.`,
              'MAX_ALIASES',
              definition,
            ),
          );
        }
        if (shape.directives > limits.maxDirectives) {
          context.reportError(
            limitError(
              `${name} uses ${shape.directives} directives; the limit is ${limits.maxDirectives} (MAX_DIRECTIVES).`,
              'MAX_DIRECTIVES',
              definition,
            ),
          );
        }
      }
      // Nothing below the document needs visiting for these limits.
      return false;
    },
  });
}
