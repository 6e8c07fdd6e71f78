import { existsSync, readFileSync } from 'node:fs';
import { ROLES } from '@backoffice/kit';
import { Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { allowList, ROOT_TYPES, rootFields, subgraphDocuments } from './support/rules.js';

/**
 * Every Query and Mutation field has an explicit authorization decision: `@requiresRole` in its
 * subgraph's SDL, or an entry with a reason in authenticated-only.json. A new field without either
 * fails the build, so "any signed-in user" is always a choice someone wrote down.
 */
const CONTRACT_PATH = process.env.CONTRACT_PATH ?? '/work/shared/contract/contract.graphql';
const fields = rootFields(subgraphDocuments());
const allowed = allowList().fields;

describe('authorization decisions', () => {
  it('finds the root fields of every subgraph', () => {
    expect(new Set(fields.map((f) => f.service)).size).toBe(6);
    expect(fields.length).toBeGreaterThan(50);
  });

  it('gives every Query and Mutation field @requiresRole or an allow-list entry', () => {
    const undecided = fields
      .filter((f) => !f.roles && !(`${f.type}.${f.name}` in allowed))
      .map((f) => `${f.type}.${f.name} (services/${f.service})`);
    expect(
      undecided,
      'add @requiresRole(roles: [...]) or an entry in test/security/authenticated-only.json',
    ).toEqual([]);
  });

  it('keeps the allow-list honest: real fields, no role on them, a reason each', () => {
    const byName = new Map(fields.map((f) => [`${f.type}.${f.name}`, f]));
    for (const [name, reason] of Object.entries(allowed)) {
      const field = byName.get(name);
      expect(field, `${name} is in the allow-list but no subgraph has it`).toBeDefined();
      expect(field?.roles, `${name} has @requiresRole; remove it from the allow-list`).toBeUndefined();
      expect(reason.trim().length, `${name} needs a one-line reason`).toBeGreaterThan(10);
    }
  });

  it('names only the contract roles, and never a rule nobody can pass but admin', () => {
    for (const field of fields) {
      for (const role of field.roles ?? []) expect(ROLES, `${field.type}.${field.name}`).toContain(role);
      if (field.roles) expect(field.roles.length, `${field.type}.${field.name}`).toBeGreaterThan(0);
    }
  });

  const CATALOG_ROOT_FIELDS =
    /^(Query\.(products|product|productBySku|priceLists|warehouses|stockMovements)|Mutation\.(createProduct|createPriceList|setPrice|createWarehouse|receiveStock|reserveStock|releaseReservation|issueReservation))$/;

  it.skipIf(!existsSync(CONTRACT_PATH))('covers every root field of the contract', () => {
    const contract = parse(readFileSync(CONTRACT_PATH, 'utf8'));
    const names = new Set(fields.map((f) => `${f.type}.${f.name}`));
    const missing: string[] = [];
    for (const definition of contract.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION)
        continue;
      if (!(ROOT_TYPES as readonly string[]).includes(definition.name.value)) continue;
      for (const field of definition.fields ?? []) {
        const name = `${definition.name.value}.${field.name.value}`;
        if (!names.has(name)) missing.push(name);
      }
    }
    // A contract field no subgraph serves has no decision either. The catalog's root fields (contract
    // change of 2026-12-04) wait for the catalog subgraph, issue 24; any other gap fails here.
    const awaitingCatalog = missing.filter((name) => CATALOG_ROOT_FIELDS.test(name));
    expect(missing.filter((name) => !awaitingCatalog.includes(name))).toEqual([]);
  });
});
