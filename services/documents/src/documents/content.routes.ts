import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { DomainError, type ServiceContext, type ServiceRoute, sendJson } from '@backoffice/kit';
import { BlobNotFound, BlobTooLarge } from '../storage/blob-store.js';
import type { DocumentsServices } from '../services.js';
import type { Classification, DocumentVersion } from './document.entity.js';

/**
 * The document bytes over plain HTTP, reached through the gateway with the caller's signed identity:
 *   GET  /documents/:id/content[?version=N]   bytes with Content-Type, ETag (the SHA-256), Range, If-None-Match
 *   POST /documents (or /documents/)          raw body, streamed: a new document (201)
 *   POST /documents/:id/versions              raw body, streamed: a new version (201)
 * Upload metadata travels in headers: `Content-Type` (the file's MIME type), `x-document-title`,
 * `x-document-owner`, `x-document-type`, `x-document-classification`, `x-document-tags` (comma
 * separated) and `x-document-file-name`; text values percent-encoded UTF-8 (encodeURIComponent).
 */
export function contentRoutes(services: DocumentsServices): ServiceRoute<DocumentsServices>[] {
  const uploadNew: ServiceRoute<DocumentsServices>['handle'] = async (ctx, req, res) => {
    if (!signedIn(ctx, req, res)) return;
    await answerUpload(req, res, services.filing.maxBytes, async () => {
      const doc = await services.filing.uploadStream(
        ctx,
        {
          title: text(req, 'x-document-title') ?? '',
          mimeType: req.headers['content-type'] ?? '',
          ownerEmployeeId: text(req, 'x-document-owner'),
          documentType: text(req, 'x-document-type'),
          classification: (text(req, 'x-document-classification')?.toUpperCase() ??
            null) as Classification | null,
          tags: text(req, 'x-document-tags')?.split(',') ?? [],
          fileName: text(req, 'x-document-file-name'),
        },
        req,
      );
      return { id: doc.id, version: doc.currentVersion };
    });
  };

  return [
    {
      method: 'GET',
      path: '/documents/:id/content',
      handle: async (ctx, req, res, params, url) => {
        if (!signedIn(ctx, req, res)) return;
        await answer(res, async () => {
          const doc = await services.documents.get(ctx, params.id);
          const versions = await services.documents.versions(ctx, doc);
          const wanted = url.searchParams.get('version');
          const number = wanted === null ? doc.currentVersion : Number(wanted);
          const version = versions.find((v) => v.number === number);
          if (!version) {
            sendJson(res, 404, { error: `document ${doc.id} has no version ${wanted}`, code: 'NOT_FOUND' });
            return;
          }
          await sendContent(req, res, services, version);
        });
      },
    },
    // `/documents/` too: the gateway forwards paths under the `/documents/` prefix.
    { method: 'POST', path: '/documents', handle: uploadNew },
    { method: 'POST', path: '/documents/', handle: uploadNew },
    {
      method: 'POST',
      path: '/documents/:id/versions',
      handle: async (ctx, req, res, params) => {
        if (!signedIn(ctx, req, res)) return;
        await answerUpload(req, res, services.filing.maxBytes, async () => {
          const doc = await services.filing.addVersionStream(
            ctx,
            params.id,
            req.headers['content-type'] ?? '',
            text(req, 'x-document-file-name'),
            req,
          );
          return { id: doc.id, version: doc.currentVersion };
        });
      },
    },
  ];
}

/** Documents are never anyone's to read or file anonymously: anyone else is asked to sign in (401). */
function signedIn(ctx: ServiceContext, req: IncomingMessage, res: ServerResponse): boolean {
  if (ctx.identity.userId) return true;
  res.setHeader('www-authenticate', 'Bearer');
  // An upload's body is not read for an unknown caller: close rather than drain it.
  if (req.method === 'POST') closeWhenAnswered(req, res);
  sendJson(res, 401, { error: 'sign in first: this needs a valid token', code: 'UNAUTHENTICATED' });
  return false;
}

/** A header's text, percent-decoded; a malformed encoding is taken as is (then sanitised as text). */
function text(req: IncomingMessage, name: string): string | null {
  const raw = req.headers[name];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (value === undefined || value === '') return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
};

async function answer(res: ServerResponse, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (e) {
    if (e instanceof DomainError) {
      sendJson(res, STATUS[e.code] ?? 400, { error: e.message, code: e.code, field: e.field });
      return;
    }
    if (e instanceof BlobNotFound) {
      sendJson(res, 410, { error: 'the content of this document is no longer kept', code: 'NOT_FOUND' });
      return;
    }
    throw e;
  }
}

/** Runs an upload; a refusal mid-stream answers at once, then the rest of the body is not read. */
async function answerUpload(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
  work: () => Promise<{ id: string; version: number }>,
): Promise<void> {
  const closeAfter = () => closeWhenAnswered(req, res);
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) {
    closeAfter();
    sendJson(res, 413, {
      error: `the file is larger than the limit of ${maxBytes} bytes`,
      code: 'BAD_USER_INPUT',
    });
    return;
  }
  try {
    const result = await work();
    sendJson(res, 201, { ...result, contentPath: `/documents/${result.id}/content` });
  } catch (e) {
    const refused = e instanceof BlobTooLarge ? { status: 413, code: 'BAD_USER_INPUT' } : undefined;
    const domain = e instanceof DomainError ? { status: STATUS[e.code] ?? 400, code: e.code } : refused;
    if (!domain) throw e;
    // The client may still be sending: answer now, and close rather than read the rest.
    if (!req.complete) closeAfter();
    sendJson(res, domain.status, {
      error: (e as Error).message,
      code: domain.code,
      field: e instanceof DomainError ? e.field : undefined,
    });
  }
}

function closeWhenAnswered(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('connection', 'close');
  res.once('finish', () => req.destroy());
}

/** Parses a single `bytes=` range; undefined for none or several (then the whole body is sent). */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | 'unsatisfiable' | undefined {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return header.includes(',') ? undefined : 'unsatisfiable';
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return 'unsatisfiable';
  return { start, end };
}

const INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'text/plain']);

async function sendContent(
  req: IncomingMessage,
  res: ServerResponse,
  services: DocumentsServices,
  version: DocumentVersion,
): Promise<void> {
  const etag = `"${version.sha256}"`;
  const name = (version.fileName ?? `document-v${version.number}`).replace(/[^\x20-\x7e]/g, '_');
  const headers: Record<string, string | number> = {
    etag,
    'accept-ranges': 'bytes',
    'cache-control': 'private, no-cache',
    'x-content-type-options': 'nosniff',
    // The bytes are the client's: never let a browser run them as a page of ours.
    'content-security-policy': "default-src 'none'; sandbox",
    'content-disposition': `${INLINE.has(version.mimeType) ? 'inline' : 'attachment'}; filename="${name.replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(version.fileName ?? name)}`,
  };
  const ifNoneMatch = req.headers['if-none-match'];
  if (
    ifNoneMatch &&
    (ifNoneMatch === '*' || ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag))
  ) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const contentType = version.mimeType.startsWith('text/')
    ? `${version.mimeType}; charset=utf-8`
    : version.mimeType;
  const range = parseRange(req.headers.range, version.size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${version.size}` });
    res.end();
    return;
  }
  const stream = await services.filing.blobs.get(version.sha256, range);
  if (range) {
    res.writeHead(206, {
      ...headers,
      'content-type': contentType,
      'content-range': `bytes ${range.start}-${range.end}/${version.size}`,
      'content-length': range.end - range.start + 1,
    });
  } else {
    res.writeHead(200, { ...headers, 'content-type': contentType, 'content-length': version.size });
  }
  await pipeline(stream, res);
}
