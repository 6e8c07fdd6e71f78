import { testIdentity } from '@backoffice/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../src/content/minimal-pdf.fixture.js';
import { SearchService } from '../src/search/search.service.js';
import { type DocumentsTestEnv, b64, extracted, gql, hire, startDocuments, upload } from './support.js';

let env: DocumentsTestEnv;
let ann: string;
let bob: string;
const asHr = testIdentity(['hr']);
const asAccountant = testIdentity(['accountant']);
const asCompliance = testIdentity(['compliance_officer']);
const asAdmin = testIdentity(['admin']);
let asAnn: ReturnType<typeof testIdentity>;
let asBob: ReturnType<typeof testIdentity>;

beforeAll(async () => {
  env = await startDocuments();
  [ann, bob] = await hire(env, 2);
  asAnn = testIdentity(['employee'], { userId: 'user-ann', employeeId: ann });
  asBob = testIdentity(['employee'], { userId: 'user-bob', employeeId: bob });
});
afterAll(() => env?.cleanup());

/** Uploads, and waits until the document's text is in the index. */
async function filed(who: ReturnType<typeof testIdentity>, input: Record<string, unknown>) {
  const doc = await upload(env, who, input);
  expect(await extracted(env, [doc.id])).toEqual(['DONE']);
  return doc;
}

describe('full-text search', () => {
  const SEARCH = 'query($q: String!) { searchDocuments(query: $q) { document { id title } rank snippet } }';

  it('ranks title matches first, searches Dutch and English text and PDFs, and highlights matches', async () => {
    const policy = await upload(env, asCompliance, {
      title: 'Thuiswerkbeleid en thuiswerkvergoeding',
      contentBase64: b64(
        'Medewerkers die thuiswerken ontvangen een thuiswerkvergoeding van twee euro per dag.',
      ),
      documentType: 'policy',
    });
    const memo = await upload(env, asCompliance, {
      title: 'Kantoorregels',
      contentBase64: b64(
        'Wie thuiswerk doet, meldt dit bij de manager. Office rules: travel is rare. <script>alert(1)</script>',
      ),
    });
    const english = await upload(env, asCompliance, {
      title: 'Travel policy',
      mimeType: 'text/html',
      contentBase64: b64(
        '<html><body><h1>Travel</h1><p>Employees travelling abroad book flights through the office.</p></body></html>',
      ),
    });
    const pdf = await upload(env, asCompliance, {
      title: 'Scanned agreement',
      mimeType: 'application/pdf',
      contentBase64: b64(
        minimalPdf('BT /F1 12 Tf 72 720 Td (Geheimhoudingsverklaring zeppelinfabriek) Tj ET', true),
      ),
    });

    // Text is read after the upload answers; titles and tags are searchable at once.
    expect(await extracted(env, [policy.id, memo.id, english.id, pdf.id])).toEqual([
      'DONE',
      'DONE',
      'DONE',
      'DONE',
    ]);
    const r = await gql(env, SEARCH, { q: 'thuiswerkvergoeding' }, asCompliance);
    expect(r.errors).toBeUndefined();
    expect(r.data.searchDocuments[0].document.id).toBe(policy.id);
    expect(r.data.searchDocuments[0].snippet).toContain('<mark>thuiswerkvergoeding</mark>');

    const stemmed = await gql(env, SEARCH, { q: 'thuiswerken' }, asCompliance);
    const hits = stemmed.data.searchDocuments.map((h: { document: { id: string } }) => h.document.id);
    expect(hits.slice(0, 2).sort()).toEqual([policy.id, memo.id].sort());
    expect(stemmed.data.searchDocuments[0].rank).toBeGreaterThanOrEqual(stemmed.data.searchDocuments[1].rank);
    const memoHit = stemmed.data.searchDocuments.find(
      (h: { document: { id: string } }) => h.document.id === memo.id,
    );
    if (memoHit.snippet) expect(memoHit.snippet).not.toContain('<script>');

    // A title match weighs more than a mention in the text.
    const ranked = await gql(env, SEARCH, { q: 'travel' }, asCompliance);
    expect(ranked.data.searchDocuments.map((h: { document: { id: string } }) => h.document.id)).toEqual([
      english.id,
      memo.id,
    ]);
    expect(ranked.data.searchDocuments[0].rank).toBeGreaterThan(ranked.data.searchDocuments[1].rank);

    const travel = await gql(env, SEARCH, { q: 'flight' }, asCompliance);
    expect(travel.data.searchDocuments.map((h: { document: { id: string } }) => h.document.id)).toEqual([
      english.id,
    ]);
    expect(travel.data.searchDocuments[0].snippet).toContain('<mark>flights</mark>');
    expect(travel.data.searchDocuments[0].snippet).not.toContain('<p>');

    const inPdf = await gql(env, SEARCH, { q: 'zeppelinfabriek' }, asCompliance);
    expect(inPdf.data.searchDocuments.map((h: { document: { id: string } }) => h.document.id)).toEqual([
      pdf.id,
    ]);
  });

  it('finds nothing, and shows no snippet, of documents the caller may not read', async () => {
    const invoice = await filed(asAccountant, {
      title: 'Factuur okapileverancier',
      contentBase64: b64('Levering van okapivoer, totaal 1200 euro.'),
      documentType: 'invoice',
    });
    const secret = await filed(asCompliance, {
      title: 'Okapi klokkenluidersmelding',
      contentBase64: b64('okapi melding'),
      classification: 'STRICTLY_CONFIDENTIAL',
    });
    for (const who of [asBob, asHr, asAnn]) {
      const r = await gql(
        env,
        'query { searchDocuments(query: "okapivoer okapileverancier") { snippet document { id } } }',
        {},
        who,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data.searchDocuments).toEqual([]);
    }
    const accountant = await gql(
      env,
      'query { searchDocuments(query: "okapivoer") { snippet document { id } } }',
      {},
      asAccountant,
    );
    expect(accountant.data.searchDocuments).toEqual([
      { document: { id: invoice.id }, snippet: expect.stringContaining('<mark>okapivoer</mark>') },
    ]);
    const admin = await gql(
      env,
      'query { searchDocuments(query: "okapi") { document { id title } } }',
      {},
      asAdmin,
    );
    expect(JSON.stringify(admin.data)).not.toContain('klokkenluiders');
    expect(admin.data.searchDocuments.map((h: { document: { id: string } }) => h.document.id)).not.toContain(
      secret.id,
    );
    const empty = await gql(env, 'query { searchDocuments(query: "  ") { rank } }', {}, asAdmin);
    expect(empty.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('finds, of every kind of document, exactly those the caller may open, secrets only by grant', async () => {
    const asUploader = testIdentity(['employee'], { userId: 'user-cassowary-clerk' });
    const file = (who: ReturnType<typeof testIdentity>, title: string, input: Record<string, unknown> = {}) =>
      filed(who, { title, contentBase64: b64(`${title}: cassowaryregister entry`), ...input });
    const docs = {
      annContract: await file(asCompliance, 'Ann contract', {
        ownerEmployeeId: ann,
        documentType: 'contract',
      }),
      annSecret: await file(asHr, 'Ann secret file', {
        ownerEmployeeId: ann,
        documentType: 'personnel_file',
        classification: 'STRICTLY_CONFIDENTIAL',
      }),
      bobPayslip: await file(asHr, 'Bob payslip', { ownerEmployeeId: bob, documentType: 'payslip' }),
      invoice: await file(asAccountant, 'Supplier invoice', { documentType: 'invoice' }),
      bobOwnMemo: await file(asBob, 'Bob own memo', { ownerEmployeeId: bob }),
      grantedSecret: await file(asHr, 'Granted secret', { classification: 'STRICTLY_CONFIDENTIAL' }),
      grantedMemo: await file(asAccountant, 'Granted memo', { documentType: 'memo' }),
      uploadersMemo: await file(asCompliance, 'Uploaded by the clerk', { documentType: 'memo' }),
      deleted: await file(asCompliance, 'Deleted memo', { documentType: 'memo' }),
    };
    // The clerk's own upload, without being its owner: filed by compliance on their behalf.
    await env.docs.deps.db.query('UPDATE document SET created_by = $1 WHERE id = $2', [
      asUploader.userId,
      docs.uploadersMemo.id,
    ]);
    for (const [id, userId] of [
      [docs.grantedSecret.id, asAnn.userId],
      [docs.grantedMemo.id, asBob.userId],
    ] as const) {
      // Two people: compliance asks, admin grants.
      const asked = await gql(
        env,
        'mutation($d: ID!, $u: String!) { requestDocumentAccess(documentId: $d, userId: $u) { id } }',
        { d: id, u: userId },
        asCompliance,
      );
      expect(asked.errors).toBeUndefined();
      const g = await gql(
        env,
        'mutation($d: ID!, $u: String!) { grantDocumentAccess(documentId: $d, userId: $u) { userId } }',
        { d: id, u: userId },
        testIdentity(['admin']),
      );
      expect(g.errors).toBeUndefined();
    }
    const del = await gql(
      env,
      'mutation($id: ID!) { deleteDocument(id: $id) }',
      { id: docs.deleted.id },
      asCompliance,
    );
    expect(del.errors).toBeUndefined();

    const nameOf = new Map(Object.entries(docs).map(([name, d]) => [d.id, name]));
    const found = async (who: ReturnType<typeof testIdentity>) => {
      const r = await gql(
        env,
        'query { searchDocuments(query: "cassowaryregister", first: 50) { snippet document { id title } } }',
        {},
        who,
      );
      expect(r.errors).toBeUndefined();
      return r.data.searchDocuments
        .map((h: { document: { id: string } }) => nameOf.get(h.document.id))
        .sort();
    };
    const opens = async (who: ReturnType<typeof testIdentity>) => {
      const names: string[] = [];
      for (const [name, d] of Object.entries(docs)) {
        const r = await gql(env, 'query($id: ID!) { document(id: $id) { id } }', { id: d.id }, who);
        if (!r.errors && r.data.document?.id === d.id) names.push(name);
      }
      return names.sort();
    };
    const expected: [ReturnType<typeof testIdentity>, string[]][] = [
      [asAnn, ['annContract', 'grantedSecret']],
      [asBob, ['bobOwnMemo', 'bobPayslip', 'grantedMemo']],
      [asHr, ['annSecret', 'bobPayslip', 'grantedSecret']],
      [asAccountant, ['grantedMemo', 'invoice']],
      [asUploader, ['uploadersMemo']],
      [asCompliance, ['annContract', 'bobOwnMemo', 'bobPayslip', 'grantedMemo', 'invoice', 'uploadersMemo']],
      [asAdmin, ['annContract', 'bobOwnMemo', 'bobPayslip', 'grantedMemo', 'invoice', 'uploadersMemo']],
      [testIdentity(['analyst']), []],
    ];
    for (const [who, names] of expected) {
      // Search and opening the document answer alike, and both as the access rule says.
      expect(await found(who), who.userId ?? '').toEqual(names);
      expect(await opens(who), who.userId ?? '').toEqual(names);
    }
    const admin = await gql(
      env,
      'query { searchDocuments(query: "cassowaryregister secret", first: 50) { snippet document { title } } }',
      {},
      asAdmin,
    );
    expect(JSON.stringify(admin.data)).not.toMatch(/secret/i);
  });

  it('ranks every readable match, however many, and a title match comes first', async () => {
    for (let i = 0; i < 60; i++) {
      await filed(asCompliance, {
        title: `Note ${i}`,
        contentBase64: b64(`a note about the numbat survey ${i}`),
      });
    }
    const titled = await filed(asCompliance, {
      title: 'Numbat survey',
      contentBase64: b64('the survey itself'),
    });
    const hits = await new SearchService(env.docs.deps.db).search(
      { identity: asCompliance } as never,
      'numbat',
      50,
    );
    expect(hits).toHaveLength(50);
    expect(hits[0].document.id).toBe(titled.id);
    const ranks = hits.map((h) => h.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });
});
