import {
  defaultFieldResolver,
  type GraphQLFieldConfig,
  GraphQLObjectType,
  type GraphQLSchema,
  isObjectType,
} from 'graphql';
import type { Role } from './identity.js';
import { type Caller, hasRole, isAuthenticated, parseRoles } from './context.js';
import { forbidden, unauthenticated } from '../errors.js';

/**
 * The declarative rules of a subgraph's SDL, enforced for every field:
 *   - every Query and Mutation field needs an authenticated caller (federation's `_service` excepted,
 *     `_entities` included);
 *   - `@requiresRole(roles: [...])` on a field, or on a type for all its fields, needs one of the roles
 *     (admin always passes);
 *   - the same type-level rule guards `__resolveReference`, so an entity fetched through the gateway
 *     is never readable where a direct query would not be.
 * Row-level rules (own records, a manager's reports) stay in the services, next to the data.
 */
export const AUTHORIZATION_SDL = /* GraphQL */ `
  directive @requiresRole(roles: [String!]!) on FIELD_DEFINITION | OBJECT
`;

function rolesOf(
  node:
    | { directives?: readonly { name: { value: string }; arguments?: readonly any[] }[] }
    | null
    | undefined,
): Role[] | undefined {
  const directive = node?.directives?.find((d) => d.name.value === 'requiresRole');
  if (!directive) return undefined;
  const arg = directive.arguments?.find((a) => a.name.value === 'roles');
  const values: string[] =
    arg?.value.kind === 'ListValue' ? arg.value.values.map((v: { value: string }) => v.value) : [];
  return parseRoles(values);
}

function check(
  caller: Caller | undefined,
  roles: Role[] | undefined,
  requireAuth: boolean,
  what: string,
): void {
  if (!caller) throw unauthenticated();
  if ((requireAuth || roles) && !isAuthenticated(caller)) throw unauthenticated();
  if (roles && !hasRole(caller, ...roles)) {
    throw forbidden(`${what} needs one of the roles: ${['admin', ...roles].join(', ')}`);
  }
}

// `_service` serves composition tools; `_entities` is a Query field like any other and needs a caller.
const FEDERATION_FIELDS = new Set(['_service']);

/** A field's declared rule, or undefined: used by the security tests to prove every field has one. */
export function fieldRule(
  schema: GraphQLSchema,
  typeName: string,
  fieldName: string,
): Role[] | 'authenticated' | undefined {
  const type = schema.getType(typeName);
  if (!isObjectType(type)) return undefined;
  const field = type.getFields()[fieldName];
  const own = rolesOf(field?.astNode) ?? rolesOf(type.astNode);
  if (own) return own;
  return typeName === 'Query' || typeName === 'Mutation' ? 'authenticated' : undefined;
}

export function applyAuthorization(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith('__')) continue;
    const typeRoles = rolesOf(type.astNode);
    const isRoot = type.name === 'Query' || type.name === 'Mutation';
    for (const field of Object.values(type.getFields())) {
      if (isRoot && FEDERATION_FIELDS.has(field.name)) continue;
      const roles = rolesOf(field.astNode) ?? typeRoles;
      if (!isRoot && !roles) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const what = `${type.name}.${field.name}`;
      (field as unknown as GraphQLFieldConfig<unknown, Caller>).resolve = (source, args, ctx, info) => {
        check(ctx, roles, isRoot, what);
        return resolve(source, args, ctx, info);
      };
    }
    // Entities: the type-level rule (or at least authentication) guards reference resolution.
    const ext = type.extensions as
      | { apolloSubgraph?: { resolveReference?: (...a: any[]) => unknown } }
      | undefined;
    const resolveReference = ext?.apolloSubgraph?.resolveReference ?? (type as any).resolveReference;
    if (resolveReference) {
      const guarded = (ref: unknown, ctx: Caller, info: unknown) => {
        check(ctx, typeRoles, true, type.name);
        return resolveReference(ref, ctx, info);
      };
      if (ext?.apolloSubgraph?.resolveReference) ext.apolloSubgraph.resolveReference = guarded;
      else (type as any).resolveReference = guarded;
    }
  }
  return schema;
}
