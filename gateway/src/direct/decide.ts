import type { Experimental_DidResolveQueryPlanCallback } from '@apollo/gateway';
import {
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLNamedType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isObjectType,
  isScalarType,
  Kind,
  type OperationDefinitionNode,
  parse,
  print,
  type SelectionSetNode,
} from 'graphql';

type PlanArguments = Parameters<Experimental_DidResolveQueryPlanCallback>[0];
type QueryPlan = PlanArguments['queryPlan'];
type FetchNode = Extract<NonNullable<QueryPlan['node']>, { kind: 'Fetch' }>;

/** A query one subgraph answers whole: what to send it, and to whom. */
export interface DirectFetch {
  serviceName: string;
  operation: string;
  operationName: string | undefined;
  document: DocumentNode | undefined;
  variableUsages: readonly string[];
}

/**
 * What the supergraph says beyond the API schema, for the fields a direct answer may pass on as the
 * subgraph sent them: a field whose type differs in some subgraph (`@join__field(type:)`), and how many
 * values each enum has (the API schema leaves out the `@inaccessible` ones, which the gateway nulls).
 */
export interface SupergraphFacts {
  /** `Type.field` of every field whose type a subgraph declares differently. */
  retypedFields: ReadonlySet<string>;
  /** How many values each enum has in the supergraph; the API schema lists only the accessible ones. */
  enumValueCounts: ReadonlyMap<string, number>;
}

export function supergraphFacts(supergraphSdl: string): SupergraphFacts {
  const retypedFields = new Set<string>();
  const enumValueCounts = new Map<string, number>();
  for (const definition of parse(supergraphSdl, { noLocation: true }).definitions) {
    if (
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION
    ) {
      for (const field of definition.fields ?? []) {
        const retyped = field.directives?.some(
          (d) => d.name.value === 'join__field' && d.arguments?.some((a) => a.name.value === 'type'),
        );
        if (retyped) retypedFields.add(`${definition.name.value}.${field.name.value}`);
      }
    }
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION) {
      enumValueCounts.set(definition.name.value, definition.values?.length ?? 0);
    }
  }
  return { retypedFields, enumValueCounts };
}

/**
 * The plan's single fetch when the subgraph's answer *is* the client's answer, else undefined.
 *
 * @apollo/gateway shapes every answer against the client's operation (resultShaping.ts): it drops what
 * the plan added (keys, `__typename`), fills root `__typename`s, answers introspection, applies
 * `@skip`/`@include`, renames aliases the planner changed, nulls values the API schema does not allow
 * (hidden enum values, a scalar of another type) and merges several fetches. None of that can change
 * a thing when all of the following hold, which is what this checks, once per operation:
 * - the plan is one fetch at the root, a query, with no entity representations, rewrites or @defer;
 * - the fetch selects exactly what the client selected: same fields, aliases and arguments in the same
 *   order, fragments flattened as graphql-js collects them (so no `__typename` was added);
 * - the client selected no `__typename`, introspection, directive, or abstract type;
 * - no selected field is typed differently in a subgraph, and no selected enum has hidden values.
 * The data a subgraph built by graphql-js sends for such a fetch is then exactly what result shaping
 * would produce from it (a response with errors never comes this way; see direct-answers.ts).
 */
export function directFetchOf(
  plan: QueryPlan,
  operationContext: PlanArguments['operationContext'],
  facts: SupergraphFacts,
): DirectFetch | undefined {
  const node = plan.node;
  if (node?.kind !== 'Fetch' || !isPlainQueryFetch(node)) return undefined;
  const { schema, operation, fragments } = operationContext;
  if (operation.operation !== 'query' || operation.directives?.length) return undefined;
  const root = schema.getQueryType();
  if (!root) return undefined;

  const clientShape = shapeOf(operation.selectionSet, root, schema, fragments, facts);
  if (clientShape === undefined) return undefined;
  const fetched = fetchedOperation(node);
  if (!fetched) return undefined;
  const fetchedShape = shapeOf(fetched.operation.selectionSet, root, schema, fetched.fragments, facts);
  if (fetchedShape !== clientShape) return undefined;

  return {
    serviceName: node.serviceName,
    operation: node.operation,
    operationName: node.operationName,
    document: node.operationDocumentNode,
    variableUsages: node.variableUsages ?? [],
  };
}

function isPlainQueryFetch(node: FetchNode): boolean {
  return (
    node.operationKind === 'query' &&
    !node.requires?.length &&
    !node.inputRewrites?.length &&
    !node.outputRewrites?.length &&
    !node.contextRewrites?.length &&
    !node.hasDefers
  );
}

function fetchedOperation(node: FetchNode) {
  const document = node.operationDocumentNode ?? parse(node.operation, { noLocation: true });
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (operations.length !== 1 || operations[0].directives?.length) return undefined;
  const fragments: Record<string, FragmentDefinitionNode> = Object.create(null);
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return { operation: operations[0], fragments };
}

interface CollectedField {
  name: string;
  /** Arguments printed and sorted by name: their order does not matter to a resolver. */
  args: string;
  selections: SelectionSetNode[];
}

/**
 * The response shape a selection set asks of `parent`, as one string (a canonical form), or undefined
 * when something in it rules a direct answer out. Fields are collected as graphql-js collects them:
 * fragments on the parent type inline in place, a response name seen again merges into its first place.
 */
function shapeOf(
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  schema: GraphQLSchema,
  fragments: Record<string, FragmentDefinitionNode>,
  facts: SupergraphFacts,
): string | undefined {
  if (!isObjectType(parent)) return undefined;
  const fields = new Map<string, CollectedField>();
  if (!collect(selectionSet, parent.name, fragments, fields, new Set())) return undefined;

  const parts: string[] = [];
  for (const [responseName, field] of fields) {
    if (field.name.startsWith('__')) return undefined;
    const definition = parent.getFields()[field.name];
    if (!definition || facts.retypedFields.has(`${parent.name}.${field.name}`)) return undefined;
    const type = getNamedType(definition.type);
    let sub = '';
    if (isObjectType(type)) {
      if (!field.selections.length) return undefined;
      const merged: SelectionSetNode = {
        kind: Kind.SELECTION_SET,
        selections: field.selections.flatMap((s) => s.selections),
      };
      const shape = shapeOf(merged, type, schema, fragments, facts);
      if (shape === undefined) return undefined;
      sub = `{${shape}}`;
    } else if (isEnumType(type)) {
      // A value the API schema hides (`@inaccessible`) is nulled by the gateway, with an error.
      const hidden = type.getValues().length !== facts.enumValueCounts.get(type.name);
      if (hidden || field.selections.length) return undefined;
    } else if (!isScalarType(type) || field.selections.length) {
      // Interfaces and unions: the plan asks for `__typename` and shaping resolves types by it.
      return undefined;
    }
    parts.push(`${responseName}:${field.name}(${field.args})${sub}`);
  }
  return parts.join(' ');
}

function collect(
  selectionSet: SelectionSetNode,
  parentName: string,
  fragments: Record<string, FragmentDefinitionNode>,
  into: Map<string, CollectedField>,
  visiting: Set<string>,
): boolean {
  for (const selection of selectionSet.selections) {
    if (selection.directives?.length) return false;
    if (selection.kind === Kind.FIELD) {
      const responseName = selection.alias?.value ?? selection.name.value;
      const args = (selection.arguments ?? [])
        .map((a) => `${a.name.value}:${print(a.value)}`)
        .sort()
        .join(',');
      const seen = into.get(responseName);
      if (seen && (seen.name !== selection.name.value || seen.args !== args)) return false;
      const entry = seen ?? { name: selection.name.value, args, selections: [] };
      if (selection.selectionSet) entry.selections.push(selection.selectionSet);
      if (!seen) into.set(responseName, entry);
      continue;
    }
    const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : fragments[selection.name.value];
    if (!fragment) return false;
    // Only fragments on the parent's own type flatten away; any other condition needs __typename.
    if (fragment.typeCondition && fragment.typeCondition.name.value !== parentName) return false;
    if (selection.kind === Kind.FRAGMENT_SPREAD) {
      if (visiting.has(selection.name.value)) return false;
      visiting.add(selection.name.value);
    }
    if (!collect(fragment.selectionSet, parentName, fragments, into, visiting)) return false;
    if (selection.kind === Kind.FRAGMENT_SPREAD) visiting.delete(selection.name.value);
  }
  return true;
}
