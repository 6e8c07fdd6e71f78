import type { RunningSubgraph } from '@backoffice/kit';

/** The documents bench's data: a back-office vocabulary and documents seeded set-wise in SQL. */

/** A Dutch/English back-office vocabulary; a few words are common, most are rare (Zipf-like). */
export const WORDS = [
  'contract',
  'overeenkomst',
  'invoice',
  'factuur',
  'salary',
  'salaris',
  'leave',
  'verlof',
  'policy',
  'beleid',
  'employee',
  'medewerker',
  'payment',
  'betaling',
  'annual',
  'jaarlijks',
  'review',
  'beoordeling',
  'holiday',
  'vakantie',
  'pension',
  'pensioen',
  'travel',
  'reiskosten',
  'expense',
  'declaratie',
  'approval',
  'goedkeuring',
  'termination',
  'ontslag',
  'probation',
  'proeftijd',
  'insurance',
  'verzekering',
  'laptop',
  'telefoon',
  'office',
  'kantoor',
  'remote',
  'thuiswerken',
  'budget',
  'begroting',
  'audit',
  'controle',
  'compliance',
  'privacy',
  'gegevens',
  'security',
  'beveiliging',
  'training',
  'opleiding',
  'bonus',
  'toeslag',
  'allowance',
  'vergoeding',
  'tax',
  'belasting',
  'quarter',
  'kwartaal',
  'supplier',
  'leverancier',
  'amsterdam',
  'rotterdam',
  'utrecht',
];

export async function seed(db: RunningSubgraph<unknown>['deps']['db'], documents: number, employees: number) {
  await db.query(
    `INSERT INTO known_employee (id)
     SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g), 12, '0'))::uuid FROM generate_series(1, $1) g`,
    [employees],
  );
  // A word of the list drawn with a skew (index = n * u^1.5): the commonest is in about 40 % of the
  // documents, the rarest in well under 1 %.
  const word = (seedExpr: string) =>
    `(w)[1 + floor(${WORDS.length} * power(((abs(hashtext(${seedExpr})) % 100000) / 100000.0), 1.5))::int]`;
  // Filler: 512 Dutch/English-ish made-up words from three syllables, each in a few % of documents.
  const filler = (h: string) =>
    `(ARRAY['ver','be','ont','re','pro','con','over','in'])[1 + ${h} % 8] ||
     (ARRAY['werk','deel','stand','gang','port','tract','form','plan'])[1 + (${h} >> 3) % 8] ||
     (ARRAY['ing','en','er','heid','tion','s','ment','ie'])[1 + (${h} >> 6) % 8]`;
  // Two statements at a time: the trigger's six to_tsvector calls per row are the cost, on 2 cores.
  // In slices of 5,000: one statement must finish within the data source's query timeout.
  const SLICE = 5_000;
  const slices: [number, number][] = [];
  for (let from = 1; from <= documents; from += SLICE)
    slices.push([from, Math.min(documents, from + SLICE - 1)]);
  const batch = (from: number, to: number) =>
    db.query(
      `WITH v AS (SELECT $3::text[] AS w)
       INSERT INTO document (title, document_type, classification, owner_employee_id, tags, search_text,
                             created_by, created_at, updated_at)
       SELECT initcap(${word("g || 't1'")} || ' ' || ${word("g || 't2'")} || ' ' || ${word("g || 't3'")}) || ' ' || g,
              (ARRAY['contract','policy','invoice','payslip','personnel_file','memo', NULL])[1 + g % 7],
              CASE WHEN g % 20 = 0 THEN 'STRICTLY_CONFIDENTIAL' WHEN g % 4 = 1 THEN 'CONFIDENTIAL'
                   WHEN g % 5 = 2 THEN 'PUBLIC' ELSE 'INTERNAL' END,
              CASE WHEN g % 10 < 8 THEN ('00000000-0000-4000-8000-' || lpad(to_hex(1 + g % $4), 12, '0'))::uuid END,
              ARRAY[${word("g || 'a'")}, ${word("g || 'b'")}],
              (SELECT string_agg(CASE WHEN i % 9 = 0 THEN ${word("g || '-' || i")} ELSE ${filler('hh.h')} END, ' ')
                 FROM generate_series(1, 40) i, LATERAL (SELECT abs(hashtext(g || '-' || i)) AS h) hh),
              'uploader-' || (g % 25),
              now() - (g % 1000) * interval '8 hours',
              now()
         FROM v, generate_series($1::int, $2::int) g`,
      [from, to, WORDS, employees],
    );
  const worker = async () => {
    for (let next = slices.shift(); next; next = slices.shift()) await batch(next[0], next[1]);
  };
  await Promise.all([worker(), worker()]);
  await db.query(
    `INSERT INTO blob (sha256, size)
     SELECT encode(sha256(id::text::bytea), 'hex'), 1000 + length(search_text) FROM document`,
  );
  await db.query(
    `INSERT INTO document_version (document_id, number, sha256, size, mime_type, file_name, created_by)
     SELECT id, 1, encode(sha256(id::text::bytea), 'hex'), 1000 + length(search_text), 'text/plain', 'file.txt', created_by
       FROM document`,
  );
  // The uploader's own grant on strictly confidential documents, as filing records it; and a few
  // grants to the employees the search load runs as.
  await db.query(
    `INSERT INTO document_grant (document_id, user_id, granted_by)
     SELECT id, created_by, created_by FROM document WHERE classification = 'STRICTLY_CONFIDENTIAL'
     UNION ALL
     SELECT id, 'user-' || (abs(hashtext(id::text)) % 8), 'bench' FROM document
      WHERE abs(hashtext(id::text || 'g')) % 500 = 0`,
  );
  await db.query('VACUUM ANALYZE document');
  await db.query('ANALYZE');
}
