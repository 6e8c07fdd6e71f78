import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type ConstDirectiveNode,
  type DocumentNode,
  Kind,
  type ObjectTypeDefinitionNode,
  type ObjectTypeExtensionNode,
  parse,
} from 'graphql';

/**
 * The authorization decisions of the graph, read from the source of truth: every subgraph's SDL
 * (`services/<name>/src/**\/*.graphql`) and the allow-list of fields any signed-in user may call.
 */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const ALLOW_LIST_PATH = fileURLToPath(new URL('../authenticated-only.json', import.meta.url));
export const ROOT_TYPES = ['Query', 'Mutation'] as const;

export interface RootField {
  service: string;
  type: (typeof ROOT_TYPES)[number];
  name: string;
  /** `@requiresRole` roles on the field, or undefined. */
  roles: string[] | undefined;
}

function graphqlFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((entry) => entry.endsWith('.graphql'))
    .map((entry) => join(dir, entry))
    .sort();
}

export function subgraphDocuments(root = REPO_ROOT): Map<string, DocumentNode> {
  const documents = new Map<string, DocumentNode>();
  for (const service of readdirSync(join(root, 'services')).sort()) {
    const files = graphqlFiles(join(root, 'services', service, 'src'));
    if (files.length === 0) continue;
    documents.set(service, parse(files.map((file) => readFileSync(file, 'utf8')).join('\n')));
  }
  return documents;
}

export function rolesOf(directives: readonly ConstDirectiveNode[] | undefined): string[] | undefined {
  const directive = directives?.find((d) => d.name.value === 'requiresRole');
  if (!directive) return undefined;
  const arg = directive.arguments?.find((a) => a.name.value === 'roles');
  if (arg?.value.kind !== Kind.LIST) return [];
  return arg.value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
}

type ObjectNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;
const isObjectNode = (d: DocumentNode['definitions'][number]): d is ObjectNode =>
  d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION;

/** Every Query and Mutation field of every subgraph, with its declared roles. */
export function rootFields(documents = subgraphDocuments()): RootField[] {
  const fields: RootField[] = [];
  for (const [service, document] of documents) {
    for (const definition of document.definitions) {
      if (!isObjectNode(definition)) continue;
      const type = definition.name.value;
      if (type !== 'Query' && type !== 'Mutation') continue;
      const typeRoles = rolesOf(definition.directives);
      for (const field of definition.fields ?? []) {
        fields.push({ service, type, name: field.name.value, roles: rolesOf(field.directives) ?? typeRoles });
      }
    }
  }
  return fields;
}

/** `Type.field` -> roles of each object type field or its type, for entity-level rules. */
export function typeRules(documents = subgraphDocuments()): Map<string, string[]> {
  const rules = new Map<string, string[]>();
  for (const document of documents.values()) {
    for (const definition of document.definitions) {
      if (!isObjectNode(definition)) continue;
      const typeRoles = rolesOf(definition.directives);
      if (typeRoles) rules.set(definition.name.value, typeRoles);
      for (const field of definition.fields ?? []) {
        const roles = rolesOf(field.directives);
        if (roles) rules.set(`${definition.name.value}.${field.name.value}`, roles);
      }
    }
  }
  return rules;
}

export interface AllowList {
  fields: Record<string, string>;
}

export function allowList(path = ALLOW_LIST_PATH): AllowList {
  return JSON.parse(readFileSync(path, 'utf8')) as AllowList;
}
