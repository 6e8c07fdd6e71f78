import type { FieldNode, FragmentDefinitionNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * The names of the fields a query selects at `path` below the field being resolved (`['edges',
 * 'node']` of a connection), through inline fragments and fragment spreads. A field under @skip or
 * @include counts as selected: callers use this to read no less than asked, never to refuse.
 */
export function selectedFields(info: GraphQLResolveInfo, path: readonly string[]): ReadonlySet<string> {
  // Apollo keeps each parsed document, so a repeated query brings the same nodes: worked out once.
  const node = info.fieldNodes.length === 1 ? info.fieldNodes[0] : undefined;
  const key = path.join('.');
  const cached = node && selections.get(node)?.get(key);
  if (cached) return cached;
  let sets = info.fieldNodes.flatMap((n) => (n.selectionSet ? [n.selectionSet] : []));
  for (const name of path)
    sets = sets.flatMap((set) =>
      fieldsOf(set, info.fragments).flatMap((f) =>
        f.name.value === name && f.selectionSet ? [f.selectionSet] : [],
      ),
    );
  const names = new Set(sets.flatMap((set) => fieldsOf(set, info.fragments).map((f) => f.name.value)));
  if (node) {
    const byPath = selections.get(node) ?? new Map<string, ReadonlySet<string>>();
    byPath.set(key, names);
    selections.set(node, byPath);
  }
  return names;
}

const selections = new WeakMap<FieldNode, Map<string, ReadonlySet<string>>>();

function fieldsOf(set: SelectionSetNode, fragments: Record<string, FragmentDefinitionNode>): FieldNode[] {
  return set.selections.flatMap((s) => {
    if (s.kind === 'Field') return [s];
    if (s.kind === 'InlineFragment') return fieldsOf(s.selectionSet, fragments);
    const fragment = fragments[s.name.value];
    return fragment ? fieldsOf(fragment.selectionSet, fragments) : [];
  });
}
