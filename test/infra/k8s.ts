import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { parseAllDocuments } from 'yaml';

/** The manifests of infra/k8s, parsed once, for the tests that hold them to the contract. */
export const DIR = join(import.meta.dirname, '..', '..', 'infra', 'k8s');
export const PORTS = {
  gateway: 4000,
  hr: 4001,
  accounting: 4002,
  documents: 4003,
  compliance: 4004,
  it: 4005,
  catalog: 4006,
} as const;
export type Process = keyof typeof PORTS;
export const SUBGRAPHS: Process[] = ['hr', 'accounting', 'documents', 'compliance', 'it', 'catalog'];

export type Doc = {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec?: any;
  data?: Record<string, string>;
};
export const docsOf = (file: string): Doc[] =>
  parseAllDocuments(readFileSync(join(DIR, file), 'utf8')).map((d) => {
    expect(d.errors, `${file}: ${d.errors.join('; ')}`).toEqual([]);
    return d.toJS() as Doc;
  });
export const all = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => docsOf(f).map((d) => ({ file: f, ...d })));
export const find = (kind: string, name: string) =>
  all.find((d) => d.kind === kind && d.metadata.name === name);
