import {
  type ServiceContext,
  badInput,
  conflict,
  forbidden,
  notFound,
  recordEvents,
  isUuid,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { type AcceptedType, ContentInspector, checkContent, normaliseMimeType } from '../content/mime.js';
import {
  decodeBase64,
  sanitiseDocumentType,
  sanitiseFileName,
  sanitiseTags,
  sanitiseTitle,
} from '../content/sanitise.js';
import { confirmType } from '../content/detected-type.js';
import { hasReadableText } from '../content/text-extraction.js';
import { KnownEmployee } from '../employees/known-employee.entity.js';
import { retentionUntil } from '../retention/retention.rules.js';
import type { BlobStore, StoredBlob } from '../storage/blob-store.js';
import { changeableDocument } from './changeable.js';
import { mayUpload } from './document.access.js';
import {
  type Classification,
  Document,
  DocumentGrant,
  DocumentVersion,
  type TextStatus,
} from './document.entity.js';
import { documentEvent } from './document.events.js';
import { insertWithFirstVersion } from './first-version.js';
import { type UploadQuota, checkUploadQuota } from './upload-quota.js';
import type { UploadDocumentInput } from '../generated/graphql.js';

export type DocumentMetadata = Omit<UploadDocumentInput, 'contentBase64'>;

interface CheckedMetadata {
  title: string;
  mimeType: AcceptedType;
  ownerEmployeeId: string | null;
  ownerEndDate: string | null;
  tags: string[];
  documentType: string | null;
  classification: Classification;
  fileName: string | null;
}

/** A PostgreSQL advisory-lock key for one blob: uploads and blob deletions of the same content queue. */
export const blobLock = (em: EntityManager, sha256: string) =>
  em.query('SELECT pg_advisory_xact_lock(7410300, hashtext($1))', [sha256]);

const CLASSIFICATIONS: readonly Classification[] = [
  'PUBLIC',
  'INTERNAL',
  'CONFIDENTIAL',
  'STRICTLY_CONFIDENTIAL',
];

/** GraphQL checks the enum; the streaming route's header is checked here. Default INTERNAL. */
function checkClassification(value: string | null | undefined): Classification {
  if (value === null || value === undefined || value === '') return 'INTERNAL';
  if (!CLASSIFICATIONS.includes(value as Classification))
    throw badInput(`classification must be one of ${CLASSIFICATIONS.join(', ')}`, 'classification');
  return value as Classification;
}

const today = () => new Date().toISOString().slice(0, 10);

/** A new version's text waits for the extraction queue; an image has none to wait for. */
const textStatusFor = (type: AcceptedType): TextStatus => (hasReadableText(type) ? 'PENDING' : 'DONE');

/**
 * Filing documents: uploads and new versions; each change and its event in one transaction. The
 * answer comes once the bytes are stored and recorded; their text is read later, off the request
 * (`wake` tells the extraction queue there is work).
 */
export class DocumentFiling {
  constructor(
    private readonly db: DataSource,
    /** The stored bytes; read directly by the content route. */
    readonly blobs: BlobStore,
    readonly maxBytes: number,
    private readonly quota: UploadQuota,
    private readonly wake: () => void = () => undefined,
  ) {}

  /** Checks everything but the bytes, before any byte is read: a refused upload reads nothing. */
  async checkMetadata(ctx: ServiceContext, input: DocumentMetadata): Promise<CheckedMetadata> {
    await checkUploadQuota(this.db, this.quota, ctx.identity.userId);
    const title = sanitiseTitle(input.title);
    const mimeType = normaliseMimeType(input.mimeType);
    const tags = sanitiseTags(input.tags);
    const documentType = sanitiseDocumentType(input.documentType);
    const ownerEmployeeId = input.ownerEmployeeId || null;
    if (!mayUpload(ctx, ownerEmployeeId)) {
      throw forbidden(
        'you may file documents for yourself; hr, accountant and compliance_officer for anyone',
      );
    }
    let ownerEndDate: string | null = null;
    if (ownerEmployeeId) {
      const owner = isUuid(ownerEmployeeId)
        ? await this.db.getRepository(KnownEmployee).findOneBy({ id: ownerEmployeeId })
        : null;
      if (!owner) throw Object.assign(notFound('Employee', ownerEmployeeId), { field: 'ownerEmployeeId' });
      ownerEndDate = owner.endDate;
    }
    return {
      title,
      mimeType,
      ownerEmployeeId,
      ownerEndDate,
      tags,
      documentType,
      classification: checkClassification(input.classification),
      fileName: sanitiseFileName(input.fileName),
    };
  }

  async upload(ctx: ServiceContext, input: UploadDocumentInput): Promise<Document> {
    const meta = await this.checkMetadata(ctx, input);
    const bytes = await this.decode(input.contentBase64, meta.mimeType);
    const blob = await this.blobs.put(bytes);
    return this.keepingBlobOnlyIfFiled(blob, () => this.fileNew(ctx, meta, blob));
  }

  /** The streaming route's upload: bytes are hashed, sniffed and counted as they arrive. */
  async uploadStream(
    ctx: ServiceContext,
    input: DocumentMetadata,
    body: NodeJS.ReadableStream,
  ): Promise<Document> {
    const meta = await this.checkMetadata(ctx, input);
    const blob = await this.putStream(body, meta.mimeType);
    return this.keepingBlobOnlyIfFiled(blob, async () => {
      await confirmType(meta.mimeType, await this.blobs.get(blob.sha256), 'content-type');
      return this.fileNew(ctx, meta, blob);
    });
  }

  async addVersion(
    ctx: ServiceContext,
    id: string,
    contentBase64: string,
    mimeType: string,
    fileName?: string | null,
  ): Promise<Document> {
    const type = normaliseMimeType(mimeType);
    await checkUploadQuota(this.db, this.quota, ctx.identity.userId);
    await this.db.transaction((em) => changeableDocument(em, ctx, id, 'replaced', false));
    const bytes = await this.decode(contentBase64, type);
    const blob = await this.blobs.put(bytes);
    return this.keepingBlobOnlyIfFiled(blob, () =>
      this.fileVersion(ctx, id, type, sanitiseFileName(fileName), blob),
    );
  }

  async addVersionStream(
    ctx: ServiceContext,
    id: string,
    mimeType: string,
    fileName: string | null,
    body: NodeJS.ReadableStream,
  ): Promise<Document> {
    const type = normaliseMimeType(mimeType, 'content-type');
    await checkUploadQuota(this.db, this.quota, ctx.identity.userId);
    await this.db.transaction((em) => changeableDocument(em, ctx, id, 'replaced', false));
    const blob = await this.putStream(body, type);
    return this.keepingBlobOnlyIfFiled(blob, async () => {
      await confirmType(type, await this.blobs.get(blob.sha256), 'content-type');
      return this.fileVersion(ctx, id, type, sanitiseFileName(fileName), blob);
    });
  }

  /**
   * Deletes the stored bytes of each hash no unpurged document's version still uses (a deleted
   * document keeps its bytes until the purge: retention and legal holds may still need them). Runs under the same
   * per-blob lock as filing, so an upload of the same content either keeps the blob or is told to retry.
   */
  async releaseBlobs(shas: readonly string[]): Promise<number> {
    let released = 0;
    for (const sha of new Set(shas)) {
      await this.db.transaction(async (em) => {
        await blobLock(em, sha);
        const used = await em.query(
          `SELECT 1 FROM document_version v JOIN document d ON d.id = v.document_id
           WHERE v.sha256 = $1 AND d.purged_at IS NULL LIMIT 1`,
          [sha],
        );
        if (used.length > 0) return;
        await em.query('DELETE FROM blob WHERE sha256 = $1', [sha]);
        await this.blobs.delete(sha);
        released++;
      });
    }
    return released;
  }

  async shasOf(em: EntityManager, documentId: string): Promise<string[]> {
    const rows: { sha256: string }[] = await em.query(
      'SELECT DISTINCT sha256 FROM document_version WHERE document_id = $1',
      [documentId],
    );
    return rows.map((r) => r.sha256);
  }

  private async decode(contentBase64: string, type: AcceptedType): Promise<Buffer> {
    const bytes = decodeBase64(contentBase64);
    if (bytes.length > this.maxBytes)
      throw badInput(`the file is larger than the limit of ${this.maxBytes} bytes`, 'contentBase64');
    checkContent(type, bytes);
    await confirmType(type, bytes, 'contentBase64');
    return bytes;
  }

  private putStream(body: NodeJS.ReadableStream, type: AcceptedType): Promise<StoredBlob> {
    return this.blobs.put(body, { maxBytes: this.maxBytes, inspect: new ContentInspector(type) });
  }

  /**
   * Records the blob under its lock; a blob deleted since the put means the upload raced a deletion.
   * The user's hourly quota is checked here too, under a per-user lock, with this file counted.
   */
  private async recordBlob(em: EntityManager, ctx: ServiceContext, blob: StoredBlob): Promise<void> {
    await checkUploadQuota(em, this.quota, ctx.identity.userId, blob.size, { lock: true });
    await blobLock(em, blob.sha256);
    if (!(await this.blobs.has(blob.sha256)))
      throw conflict('the upload crossed a deletion of the same content; please send it again');
    await em.query('INSERT INTO blob (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [
      blob.sha256,
      blob.size,
    ]);
  }

  private async fileNew(ctx: ServiceContext, meta: CheckedMetadata, blob: StoredBlob): Promise<Document> {
    const saved = await this.db.transaction(async (em) => {
      await this.recordBlob(em, ctx, blob);
      const doc = await insertWithFirstVersion(
        em,
        {
          title: meta.title,
          documentType: meta.documentType,
          classification: meta.classification,
          ownerEmployeeId: meta.ownerEmployeeId,
          tags: meta.tags,
          retentionUntil: retentionUntil(meta.documentType, {
            uploadedOn: today(),
            ownerEndDate: meta.ownerEndDate,
          }),
          textStatus: textStatusFor(meta.mimeType),
          createdBy: ctx.identity.userId,
        },
        { blob, mimeType: meta.mimeType, fileName: meta.fileName },
      );
      // Strictly confidential is read by explicit grant only: the uploader's own grant is recorded.
      if (meta.classification === 'STRICTLY_CONFIDENTIAL' && ctx.identity.userId) {
        await em.insert(DocumentGrant, {
          documentId: doc.id,
          userId: ctx.identity.userId,
          grantedBy: ctx.identity.userId,
        });
      }
      await recordEvents(em, documentEvent('uploaded', doc, ctx.identity));
      return doc;
    });
    this.wake();
    return this.db.getRepository(Document).findOneByOrFail({ id: saved.id });
  }

  private async fileVersion(
    ctx: ServiceContext,
    id: string,
    mimeType: AcceptedType,
    fileName: string | null,
    blob: StoredBlob,
  ): Promise<Document> {
    await this.db.transaction(async (em) => {
      const doc = await changeableDocument(em, ctx, id, 'replaced', true);
      await this.recordBlob(em, ctx, blob);
      doc.currentVersion += 1;
      await em.insert(DocumentVersion, {
        documentId: doc.id,
        number: doc.currentVersion,
        sha256: blob.sha256,
        size: blob.size,
        mimeType,
        fileName,
        createdBy: ctx.identity.userId,
      });
      // The earlier version's text leaves the index; this one's joins it once extracted.
      await em.query(
        `UPDATE document SET current_version = $2, search_text = '', text_status = $3,
                text_claimed_until = NULL, text_attempts = 0, updated_at = now() WHERE id = $1`,
        [doc.id, doc.currentVersion, textStatusFor(mimeType)],
      );
      await recordEvents(em, documentEvent('version_added', doc, ctx.identity));
    });
    this.wake();
    return this.db.getRepository(Document).findOneByOrFail({ id });
  }

  /** Stored bytes that no document came to use (the filing failed) are not left behind. */
  private async keepingBlobOnlyIfFiled<T>(blob: StoredBlob, file: () => Promise<T>): Promise<T> {
    try {
      return await file();
    } catch (e) {
      await this.releaseBlobs([blob.sha256]).catch(() => undefined);
      throw e;
    }
  }
}
