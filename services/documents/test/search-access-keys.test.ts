import { randomUUID } from 'node:crypto';
import type { Identity } from '@backoffice/kit';
import { testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessKeysOf, mayRead, readableSql } from '../src/documents/document.access.js';
import type { Classification } from '../src/documents/document.entity.js';
import { SearchService } from '../src/search/search.service.js';
import { type DocumentsTestEnv, startDocuments } from './support.js';

/**
 * The access rule as access keys (issue 26) may be no weaker than the rule it indexes: the keys
 * agree with `mayRead` and `readableSql` for random documents and callers, follow every change that
 * affects who reads (grant given and revoked, owner, uploader, type, classification, deletion), are
 * recomputed when written by hand, and cannot be forged through an identity's values.
 */
let env: DocumentsTestEnv;
let search: SearchService;
const WORD = 'quokkaledger';

beforeAll(async () => {
  env = await startDocuments();
  search = new SearchService(env.docs.deps.db);
});
afterAll(() => env?.cleanup());

const sql = (text: string, params: unknown[] = []) => env.docs.deps.db.query(text, params);

interface Doc {
  id: string;
  classification: Classification;
  owner: string | null;
  createdBy: string | null;
  type: string | null;
}

async function insertDoc(d: Omit<Doc, 'id'>, word = WORD): Promise<string> {
  const [{ id }] = await sql(
    `INSERT INTO document (title, classification, owner_employee_id, created_by, document_type, search_text)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [`${word} file`, d.classification, d.owner, d.createdBy, d.type, `${word} text`],
  );
  return id;
}

const found = async (who: Identity, word = WORD) =>
  (await search.search({ identity: who } as never, word, 50)).map((h) => h.document.id).sort();

describe('search access keys', () => {
  it('agree with mayRead and readableSql for random documents, grants, deletions and callers', async () => {
    const employees = [randomUUID(), randomUUID(), randomUUID()];
    const users = ['user-a', 'user-b', 'user-c'];
    const types = [null, 'payslip', 'invoice', 'personnel_file', 'memo'];
    const classes: Classification[] = ['PUBLIC', 'INTERNAL', 'CONFIDENTIAL', 'STRICTLY_CONFIDENTIAL'];
    let seed = 7;
    const pick = <T>(xs: readonly T[]): T => {
      seed = (seed * 48_271) % 2_147_483_647;
      return xs[seed % xs.length];
    };
    const word = 'wombatarchive';
    const docs: (Doc & { granted: string[]; deleted: boolean })[] = [];
    for (let i = 0; i < 80; i++) {
      const d = {
        classification: pick(classes),
        owner: pick([null, ...employees]),
        createdBy: pick([null, ...users]),
        type: pick(types),
      };
      const id = await insertDoc(d, word);
      const granted = users.filter(() => pick([false, false, true]));
      for (const u of granted)
        await sql('INSERT INTO document_grant (document_id, user_id) VALUES ($1, $2)', [id, u]);
      const deleted = pick([false, false, false, true]);
      if (deleted) await sql('UPDATE document SET deleted_at = now() WHERE id = $1', [id]);
      docs.push({ id, ...d, granted, deleted });
    }
    // Later changes to some: revoked grants, new owners, types and classifications.
    for (const d of docs.filter((_, i) => i % 5 === 0)) {
      await sql('DELETE FROM document_grant WHERE document_id = $1', [d.id]);
      d.granted = [];
      d.owner = pick([null, ...employees]);
      d.type = pick(types);
      d.classification = pick(classes);
      await sql(
        'UPDATE document SET owner_employee_id = $2, document_type = $3, classification = $4 WHERE id = $1',
        [d.id, d.owner, d.type, d.classification],
      );
    }
    const callers: Identity[] = [
      testIdentity(['compliance_officer'], { userId: 'user-a' }),
      testIdentity(['admin'], { userId: 'user-b' }),
      testIdentity(['hr'], { userId: 'user-c' }),
      testIdentity(['accountant'], { userId: 'user-a', employeeId: employees[0] }),
      testIdentity(['analyst'], { userId: 'user-z' }),
      testIdentity(['hr'], {}),
      ...employees.flatMap((e, i) => [
        testIdentity(['employee'], { userId: users[i], employeeId: e }),
        testIdentity(['employee'], { userId: 'someone-else', employeeId: e.toUpperCase() }),
      ]),
    ];
    let readable = 0;
    for (const identity of callers) {
      const caller = { identity };
      const expected = docs
        .filter((d) => !d.deleted)
        .filter((d) =>
          mayRead(
            caller,
            {
              classification: d.classification,
              ownerEmployeeId: d.owner,
              createdBy: d.createdBy,
              documentType: d.type,
            },
            d.granted.includes(identity.userId ?? ''),
          ),
        )
        .map((d) => d.id)
        .sort();
      readable += expected.length;
      const rule = readableSql(caller);
      const bySql = (
        await env.docs.deps.db
          .createQueryBuilder()
          .select('d.id', 'id')
          .from('document', 'd')
          .where(`d.id = ANY(:ids) AND ${rule.sql}`, { ...rule.params, ids: docs.map((d) => d.id) })
          .getRawMany()
      )
        .map((r: { id: string }) => r.id)
        .sort();
      const byKeys = (
        await sql('SELECT id FROM document WHERE id = ANY($1) AND access_keys && $2::text[]', [
          docs.map((d) => d.id),
          accessKeysOf(caller),
        ])
      )
        .map((r: { id: string }) => r.id)
        .sort();
      const label = JSON.stringify(identity);
      // readableSql compares uuids, ignoring case, where mayRead (and now the keys) compare text.
      if (identity.employeeId === identity.employeeId?.toLowerCase()) expect(bySql, label).toEqual(expected);
      expect(byKeys, label).toEqual(expected);
      expect(await found(identity, word), label).toEqual(expected);
    }
    expect(readable).toBeGreaterThan(20); // the comparison is not between empty sets
  });

  it('follows a grant given and revoked, a new owner, a secret classification and a deletion', async () => {
    const [ann, bob] = [randomUUID(), randomUUID()];
    const asAnn = testIdentity(['employee'], { userId: 'user-ann', employeeId: ann });
    const asBob = testIdentity(['employee'], { userId: 'user-bob', employeeId: bob });
    const asEve = testIdentity(['employee'], { userId: 'user-eve', employeeId: randomUUID() });
    const doc = await insertDoc({
      classification: 'CONFIDENTIAL',
      owner: ann,
      createdBy: 'hr-user',
      type: 'payslip',
    });

    // Someone else's document, searched for by its exact words: no hit.
    expect(await found(asAnn)).toEqual([doc]);
    expect(await found(asEve)).toEqual([]);
    expect(await found(asBob)).toEqual([]);

    await sql('INSERT INTO document_grant (document_id, user_id) VALUES ($1, $2)', [doc, 'user-eve']);
    expect(await found(asEve)).toEqual([doc]);
    await sql('DELETE FROM document_grant WHERE document_id = $1 AND user_id = $2', [doc, 'user-eve']);
    expect(await found(asEve)).toEqual([]); // revoked

    await sql('UPDATE document SET owner_employee_id = $2 WHERE id = $1', [doc, bob]);
    expect(await found(asAnn)).toEqual([]); // no longer hers
    expect(await found(asBob)).toEqual([doc]);

    await sql(`UPDATE document SET classification = 'STRICTLY_CONFIDENTIAL' WHERE id = $1`, [doc]);
    expect(await found(asBob)).toEqual([]); // secrets only by grant, even for the owner
    expect(await found(testIdentity(['compliance_officer']))).toEqual([]);
    await sql('INSERT INTO document_grant (document_id, user_id) VALUES ($1, $2)', [doc, 'user-bob']);
    expect(await found(asBob)).toEqual([doc]);

    await sql('UPDATE document SET deleted_at = now() WHERE id = $1', [doc]);
    expect(await found(asBob)).toEqual([]); // deleted: not even by grant
  });

  it('recomputes keys written by hand, and an identity cannot name a key it does not hold', async () => {
    const doc = await insertDoc({ classification: 'INTERNAL', owner: null, createdBy: 'user-x', type: null });
    await sql(`UPDATE document SET access_keys = '{all,u:user-mallory}' WHERE id = $1`, [doc]);
    const [{ keys }] = await sql('SELECT access_keys AS keys FROM document WHERE id = $1', [doc]);
    expect(keys).toEqual(['all', 'u:user-x']);
    const forged = [
      testIdentity(['employee'], { userId: 'all' }),
      testIdentity(['employee'], { userId: 'u:user-x' }),
      testIdentity(['employee'], { userId: 'user-mallory' }),
      testIdentity(['employee'], { userId: 'x', employeeId: 'all' }),
    ];
    for (const who of forged) expect(await found(who), who.userId ?? '').toEqual([]);
    expect(await found(testIdentity(['employee'], { userId: 'user-x' }))).toEqual([doc]);
    // The backfill and the triggers agree: every row's keys are what the rule's function gives now.
    const [{ drift }] = await sql(
      `SELECT count(*)::int AS drift FROM document d
        WHERE access_keys IS DISTINCT FROM document_access_keys(d.classification, d.owner_employee_id, d.created_by,
              d.document_type, d.deleted_at, array(SELECT user_id FROM document_grant g WHERE g.document_id = d.id))`,
    );
    expect(drift).toBe(0);
  });
});
