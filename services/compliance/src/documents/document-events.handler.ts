import { CONSUMERS, documents } from '@backoffice/events';
import { type EventHandler, isValidDate } from '@backoffice/kit';
import { chainTime } from '../audit/audit.chain.js';

/**
 * Keeps compliance's view of documents: title, version and retention from uploads and new versions,
 * and when a document was deleted or purged. Read defensively: the id falls back to the subject, an
 * older version arriving late never overwrites a newer one.
 */
export const documentEventsHandler = (): EventHandler<
  | typeof documents.documentUploaded
  | typeof documents.documentVersionAdded
  | typeof documents.documentDeleted
  | typeof documents.documentPurged
> => ({
  consumer: CONSUMERS.compliance.documents,
  async handle(event, { em }) {
    const d = event.data ?? {};
    const id = typeof d.documentId === 'string' && d.documentId ? d.documentId : event.subject;
    const at = chainTime(event.time, new Date());
    const retention =
      typeof d.retentionUntil === 'string' && isValidDate(d.retentionUntil) ? d.retentionUntil : null;
    const version = Number.isInteger(d.version) ? (d.version as number) : null;
    switch (event.type) {
      case documents.documentUploaded.type:
      case documents.documentVersionAdded.type:
        await em.query(
          `INSERT INTO known_document (id, title, version, retention_until, document_type, owner_employee_id)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, version = EXCLUDED.version,
             retention_until = EXCLUDED.retention_until,
             document_type = COALESCE(EXCLUDED.document_type, known_document.document_type),
             owner_employee_id = COALESCE(EXCLUDED.owner_employee_id, known_document.owner_employee_id)
           WHERE known_document.version IS NULL OR EXCLUDED.version IS NULL OR EXCLUDED.version >= known_document.version`,
          [id, d.title ?? null, version, retention, text(d.documentType), text(d.ownerEmployeeId)],
        );
        return;
      case documents.documentDeleted.type:
        await em.query(
          `INSERT INTO known_document (id, title, version, retention_until, deleted_at) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET deleted_at = EXCLUDED.deleted_at,
             retention_until = COALESCE(EXCLUDED.retention_until, known_document.retention_until)`,
          [id, d.title ?? null, version, retention, at],
        );
        return;
      case documents.documentPurged.type:
        await em.query(
          `INSERT INTO known_document (id, title, version, purged_at) VALUES ($1, $2, $3, $4)
           ON CONFLICT (id) DO UPDATE SET purged_at = EXCLUDED.purged_at`,
          [id, d.title ?? null, version, at],
        );
        return;
      default:
        // Other document events (tags, classification) carry nothing compliance keeps.
        return;
    }
  },
});

const text = (v: unknown): string | null =>
  typeof v === 'string' && v.length > 0 && v.length <= 200 ? v : null;
