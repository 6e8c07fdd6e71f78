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
 * classic way to hide an alias bomb). Introspection fields count like any other field.
 *
 * Apollo Server turns validation errors into GRAPHQL_VALIDATION_FAILED; the `limit` extension lets
 * formatError give them the contract's BAD_USER_INPUT code.
 */
export interface OperationShape {
  depth: number;
  aliases: number;
  directives: number;
}

const ZERO: OperationShape = { depth: 0, aliases: 0, directives: 0 };

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
    return { depth, aliases, directives };
  };

  const shape = selectionSetShape(operation.selectionSet);
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
