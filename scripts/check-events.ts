import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderCatalogue } from './events/catalogue.js';
import { type LiteralSubject, literalSubjects } from './events/literal-subjects.js';

/**
 * `pnpm events:check`: fails when docs/events.md is not what the contracts generate, or when an event
 * subject is written as a literal outside libs/events (every tracked .ts, .tsx and .mjs file).
 * `pnpm events:docs` (`--write`) rewrites docs/events.md.
 */

const ROOT = path.resolve(import.meta.dirname, '..');
export const CATALOGUE_FILE = 'docs/events.md';

export function trackedSources(root = ROOT): string[] {
  return execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.mjs'], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter(Boolean);
}

export interface EventsCheck {
  staleCatalogue: boolean;
  literals: LiteralSubject[];
}

export function checkEvents(root = ROOT, files = trackedSources(root)): EventsCheck {
  let committed = '';
  try {
    committed = readFileSync(path.join(root, CATALOGUE_FILE), 'utf8');
  } catch {}
  return {
    staleCatalogue: committed !== renderCatalogue(),
    literals: files.flatMap((file) => {
      try {
        return literalSubjects(file, readFileSync(path.join(root, file), 'utf8'));
      } catch {
        return []; // deleted in the work tree, not yet in the index
      }
    }),
  };
}

export function report({ staleCatalogue, literals }: EventsCheck): string[] {
  const problems: string[] = [];
  if (staleCatalogue)
    problems.push(`${CATALOGUE_FILE} is not what the contracts generate: run pnpm events:docs`);
  for (const l of literals)
    problems.push(
      `${l.file}:${l.line}: a literal event subject; import the contract from @backoffice/events: ${l.text}`,
    );
  return problems;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv.includes('--write')) {
    writeFileSync(path.join(ROOT, CATALOGUE_FILE), renderCatalogue());
    console.log(`wrote ${CATALOGUE_FILE}`);
  } else {
    const problems = report(checkEvents());
    for (const p of problems) console.error(p);
    if (problems.length > 0) process.exit(1);
    console.log('events: catalogue up to date, no literal subjects outside libs/events');
  }
}
