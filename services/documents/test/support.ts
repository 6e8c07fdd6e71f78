import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { type Identity, type RunningSubgraph, domainEvent } from '@backoffice/kit';
import { type Data, type EventContract, hr as hrEvents } from '@backoffice/events';
import {
  callSubgraph,
  eventually,
  newTestRun,
  publishSignedEvent,
  signedForRoute,
  startTestSubgraph,
  type TestRun,
} from '@backoffice/testkit';
import { expect } from 'vitest';
import { type DocumentsConfig, parseDocumentsConfig } from '../src/config.js';
import { documentsSubgraphWith } from '../src/documents.subgraph.js';
import type { DocumentsServices } from '../src/services.js';

export const MAX_BYTES = 64 * 1024;

export interface DocumentsTestEnv {
  run: TestRun;
  docs: RunningSubgraph<DocumentsServices>;
  settings: DocumentsConfig;
  /** Another process of the same service on the same database, as a second replica or a restart. */
  replica(): Promise<RunningSubgraph<DocumentsServices>>;
  dir: string;
  base: string;
  cleanup(): Promise<void>;
}

/**
 * A documents subgraph on its own run, with a temporary DOCUMENTS_DIR removed at cleanup; `env`
 * adds settings (DOCUMENTS_STORE=s3 and the bucket of a local S3 server, for instance).
 */
export async function startDocuments(env: NodeJS.ProcessEnv = {}): Promise<DocumentsTestEnv> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'documents-test-'));
  const run = newTestRun();
  const settings = {
    ...parseDocumentsConfig({ DOCUMENTS_EXTRACTION_POLL_MS: '250', ...env }),
    DOCUMENTS_DIR: dir,
    DOCUMENTS_MAX_BYTES: MAX_BYTES,
  };
  const docs = await startTestSubgraph(run, documentsSubgraphWith(settings));
  const processes = [docs];
  return {
    run,
    docs,
    settings,
    async replica() {
      const started = await startTestSubgraph(run, documentsSubgraphWith(settings));
      processes.push(started);
      return started;
    },
    dir,
    base: `http://127.0.0.1:${docs.port}`,
    async cleanup() {
      for (const p of processes) await p.services.extraction.close();
      await run.cleanup();
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

/** Publishes an event onto the run's stream, as another service's relay would. */
export async function publish<C extends EventContract>(
  env: DocumentsTestEnv,
  contract: C,
  subject: string,
  data: Data<C>,
) {
  const event = domainEvent(contract, subject, data, { userId: `user-${contract.producer}` });
  await publishSignedEvent(env.docs.deps.bus, event);
  return event;
}

/** Hires employees as hr would announce them, and waits until documents knows them. */
export async function hire(env: DocumentsTestEnv, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  for (const id of ids) {
    await publish(env, hrEvents.employeeHired, id, {
      employeeId: id,
      givenName: 'Test',
      familyName: id.slice(0, 8),
      email: `${id}@example.com`,
      departmentId: randomUUID(),
      departmentName: 'Engineering',
      costCenter: 'CC-100',
      managerId: null,
      startDate: '2025-01-01',
      workLocation: 'OFFICE',
      workCountry: 'NL',
    });
  }
  const known = await eventually(
    () => env.docs.deps.db.query('SELECT count(*)::int AS n FROM known_employee WHERE id = ANY($1)', [ids]),
    (rows) => rows[0].n === count,
  );
  expect(known[0].n).toBe(count);
  return ids;
}

export const gql = (
  env: DocumentsTestEnv,
  query: string,
  variables: Record<string, unknown>,
  who: Identity,
) => callSubgraph(env.docs.url, query, variables, who);

/** Identity headers for one request to a route, as the gateway's passthrough signs them. */
export const signed = (who: Identity, url: string, method = 'GET') => signedForRoute(url, who, method);

export const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

export const UPLOAD = /* GraphQL */ `
  mutation Upload($input: UploadDocumentInput!) {
    uploadDocument(input: $input) {
      id title documentType classification tags owner { id }
      currentVersion { number sha256 size mimeType fileName }
      versions { number sha256 }
    }
  }`;

/** Uploads through GraphQL and returns the document (failing the test on errors). */
export async function upload(env: DocumentsTestEnv, who: Identity, input: Record<string, unknown>) {
  const r = await gql(env, UPLOAD, { input: { mimeType: 'text/plain', ...input } }, who);
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data.uploadDocument as {
    id: string;
    currentVersion: { number: number; sha256: string; size: number; fileName: string | null };
    versions: { number: number; sha256: string }[];
  };
}

/** Waits until extraction has finished with each document (whatever the outcome); their statuses. */
export async function extracted(env: DocumentsTestEnv, ids: string[]): Promise<string[]> {
  const statuses = async () => {
    const rows: { id: string; text_status: string }[] = await env.docs.deps.db.query(
      'SELECT id, text_status FROM document WHERE id = ANY($1)',
      [ids],
    );
    return ids.map((id) => rows.find((r) => r.id === id)?.text_status ?? 'MISSING');
  };
  const done = await eventually(statuses, (s) => s.every((status) => status !== 'PENDING'), 25_000);
  expect(done).not.toContain('PENDING');
  return done;
}

/** Every file under the store (tmp included), relative to its root. */
export async function storedFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
}
