import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE_FILE, checkEvents, report } from './check-events.js';
import { renderCatalogue } from './events/catalogue.js';
import { literalSubjects } from './events/literal-subjects.js';

const root = mkdtempSync(path.join(tmpdir(), 'backoffice-events-check-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const plant = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), text);
  return file;
};

describe('pnpm events:check', () => {
  it('fails on a literal subject planted outside libs/events, and on a stale catalogue', () => {
    plant(CATALOGUE_FILE, renderCatalogue());
    const clean = plant(
      'services/it/src/clean.ts',
      "import { hr } from '@backoffice/events';\nhr.employeeHired.type;\n",
    );
    expect(report(checkEvents(root, [clean]))).toEqual([]);

    const planted = plant(
      'services/it/src/employees/planted.handler.ts',
      "export const subject = 'backoffice.hr.employee.hired';\n",
    );
    const check = checkEvents(root, [clean, planted]);
    expect(check.literals).toEqual([
      { file: planted, line: 1, text: "export const subject = 'backoffice.hr.employee.hired';" },
    ]);
    expect(report(check)).toHaveLength(1);

    plant(CATALOGUE_FILE, `${renderCatalogue()}\nedited by hand\n`);
    expect(checkEvents(root, [clean]).staleCatalogue).toBe(true);
  });

  it('tells subjects from other backoffice.-names', () => {
    const found = (text: string, file = 'scripts/x.ts') => literalSubjects(file, text).length;
    // Source text, interpolations and all (escaped here): what the checker reads.
    for (const subject of [
      "'backoffice.>'",
      "'backoffice.hr.employee.*'",
      `\`\${p}backoffice.\${service}.>\``,
      `\`backoffice.compliance.legal_hold.\${type}\``,
      `filter_subject: \`\${prefix}backoffice.kit.tally.>\``,
    ])
      expect(found(subject), subject).toBe(1);
    for (const other of [
      "const TOKEN_KEY = 'backoffice.token';",
      `\`\${p}_backoffice.replay.\${service}\``,
      "email: 'demo.1@backoffice.example'",
      "'backoffice_events_refused'",
      "source: '/backoffice/hr'",
      ' * e.g. `backoffice.hr.employee.hired` in a comment',
      "x(); // like 'backoffice.hr.employee.hired'",
    ])
      expect(found(other), other).toBe(0);
    expect(found("'backoffice.hr.employee.hired'", 'libs/events/src/hr.ts')).toBe(0);
    expect(found("'backoffice.hr.employee.hired'", 'docs/notes.md')).toBe(0);
  });

  it('passes on this repository', () => {
    expect(report(checkEvents())).toEqual([]);
  });
});
