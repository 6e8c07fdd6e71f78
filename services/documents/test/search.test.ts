import { testIdentity } from '@backoffice/kit/test-harness';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../src/content/minimal-pdf.fixture.js';
import { type DocumentsTestEnv, b64, gql, hire, startDocuments, upload } from './support.js';

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
    const invoice = await upload(env, asAccountant, {
      title: 'Factuur okapileverancier',
      contentBase64: b64('Levering van okapivoer, totaal 1200 euro.'),
      documentType: 'invoice',
    });
    const secret = await upload(env, asCompliance, {
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
});
