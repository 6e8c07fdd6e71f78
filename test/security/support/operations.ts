import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildASTSchema,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isScalarType,
  parse,
} from 'graphql';
import { REPO_ROOT } from './rules.js';

/**
 * Minimal valid operations for every root field of the composed supergraph: each argument a dummy
 * value of the right type, passed as variables, and `{ __typename }` as the selection, so the root
 * resolver (and its authorization) runs and nothing else.
 */
export function supergraphSchema(
  path = join(REPO_ROOT, 'gateway', 'schema', 'supergraph.graphql'),
): GraphQLSchema {
  // The supergraph carries join/link definitions the API schema hides; they are valid SDL to build from.
  return buildASTSchema(parse(readFileSync(path, 'utf8')), { assumeValidSDL: true });
}

export interface GeneratedOperation {
  type: 'Query' | 'Mutation';
  field: string;
  query: string;
  variables: Record<string, unknown>;
  /** Names of the variables (or input fields, dotted) that hold a string we may replace with hostile text. */
  stringSlots: string[];
}

/** A syntactically valid UUID no row has: IDs parse, lookups answer NOT_FOUND. */
export const DUMMY_ID = '00000000-0000-4000-8000-00000000beef';

const SCALAR_DUMMIES: Record<string, unknown> = {
  ID: DUMMY_ID,
  String: 'x',
  Int: 1,
  Float: 1,
  Boolean: true,
  Decimal: '1.00',
  Date: '2027-01-04',
  DateTime: '2027-01-04T09:00:00Z',
};

type Fill = (scalar: string, path: string) => unknown;

function dummy(
  type: GraphQLInputType,
  path: string,
  fill: Fill,
  optional: boolean,
  slots: string[],
  depth = 0,
): unknown {
  if (isNonNullType(type)) return dummy(type.ofType, path, fill, optional, slots, depth);
  if (isListType(type)) return [dummy(type.ofType, `${path}.0`, fill, optional, slots, depth)];
  if (isEnumType(type)) return type.getValues()[0]?.value;
  if (isInputObjectType(type)) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const required = isNonNullType(field.type) && field.defaultValue === undefined;
      const named = getNamedType(field.type);
      const stringy = isScalarType(named) && (named.name === 'String' || named.name === 'ID');
      // Optional string fields are where hostile text goes too; optional nested inputs are left out.
      if (!required && !(optional && stringy && depth < 3)) continue;
      value[field.name] = dummy(field.type, `${path}.${field.name}`, fill, optional, slots, depth + 1);
    }
    return value;
  }
  const name = (type as { name: string }).name;
  if (name === 'String' || name === 'ID') slots.push(path);
  return fill(name, path);
}

const defaultFill: Fill = (scalar) => SCALAR_DUMMIES[scalar] ?? 'x';

function typeString(type: GraphQLInputType): string {
  return type.toString();
}

/**
 * The operation for one root field. `optional` also fills optional string arguments and input
 * fields (for hostile-input runs); `fill` chooses each leaf value.
 */
export function operationFor(
  type: 'Query' | 'Mutation',
  field: GraphQLField<unknown, unknown>,
  { optional = false, fill = defaultFill }: { optional?: boolean; fill?: Fill } = {},
): GeneratedOperation {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const args: string[] = [];
  const stringSlots: string[] = [];
  for (const arg of field.args) {
    const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
    const named = getNamedType(arg.type);
    const stringy = isScalarType(named) && (named.name === 'String' || named.name === 'ID');
    if (!required && !(optional && (stringy || isInputObjectType(named)))) continue;
    variables[arg.name] = dummy(arg.type, arg.name, fill, optional, stringSlots);
    definitions.push(`$${arg.name}: ${typeString(arg.type)}`);
    args.push(`${arg.name}: $${arg.name}`);
  }
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const head = type === 'Query' ? 'query' : 'mutation';
  const operationName = `Probe_${field.name}`;
  const query = `${head} ${operationName}${definitions.length ? `(${definitions.join(', ')})` : ''} { ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`;
  return { type, field: field.name, query, variables, stringSlots };
}

/** Every Query and Mutation field of the schema, federation's own (`_entities`, `_service`) left out. */
export function rootFieldsOf(
  schema: GraphQLSchema,
): { type: 'Query' | 'Mutation'; field: GraphQLField<unknown, unknown> }[] {
  const out: { type: 'Query' | 'Mutation'; field: GraphQLField<unknown, unknown> }[] = [];
  for (const type of ['Query', 'Mutation'] as const) {
    const root = type === 'Query' ? schema.getQueryType() : schema.getMutationType();
    for (const field of Object.values(root?.getFields() ?? {})) {
      if (field.name.startsWith('_')) continue;
      out.push({ type, field });
    }
  }
  return out;
}
