import fs from 'node:fs';

/** Writes a benchmark's figures to bench/out/<name>.json (ignored by git; RESULTS.md keeps the record). */
export function writeResult(name: string, result: Record<string, unknown>): void {
  const dir = new URL('../out/', import.meta.url);
  fs.mkdirSync(dir, { recursive: true });
  const record = { benchmark: name, date: new Date().toISOString(), node: process.version, ...result };
  fs.writeFileSync(new URL(`${name}.json`, dir), `${JSON.stringify(record, null, 2)}\n`);
}
