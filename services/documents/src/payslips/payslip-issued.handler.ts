import { createHash } from 'node:crypto';
import { CONSUMERS, type hr } from '@backoffice/events';
import { type EventHandler, recordEvents } from '@backoffice/kit';
import { checkContent } from '../content/mime.js';
import { blobLock } from '../documents/document-filing.service.js';
import { documentEvent } from '../documents/document.events.js';
import { insertWithFirstVersion } from '../documents/first-version.js';
import { retentionUntil } from '../retention/retention.rules.js';
import type { BlobStore } from '../storage/blob-store.js';

/** Who filed a payslip: payroll, not a person; so the employee reads it but never changes it. */
export const PAYROLL_FILER = 'system:payroll';

/**
 * Files each payslip of a finalized payroll run, as hr issued it, for its employee: a confidential
 * `payslip` (hr and the employee read it; seven years after the end of its period's year, AWR art. 52),
 * downloaded from `GET /documents/:id/content`. Filed once: the inbox drops a redelivery, and a payslip
 * already filed for that run and employee is left as it is.
 */
export const payslipIssuedHandler = (blobs: BlobStore): EventHandler<typeof hr.payslipIssued> => ({
  consumer: CONSUMERS.documents.payslips,
  async handle(event, { em, log }) {
    const p = event.data;
    const runTag = `payroll-run:${p.payrollRunId}`;
    const [filed] = await em.query(
      `SELECT id FROM document WHERE owner_employee_id = $1 AND document_type = 'payslip' AND $2 = ANY(tags)`,
      [p.employeeId, runTag],
    );
    if (filed) return;
    const bytes = Buffer.from(p.contentBase64, 'base64');
    if (createHash('sha256').update(bytes).digest('hex') !== p.sha256)
      throw new Error(`the payslip of run ${p.payrollRunId} does not match its SHA-256`);
    checkContent('application/pdf', bytes);
    const blob = await blobs.put(bytes);
    await blobLock(em, blob.sha256);
    await em.query('INSERT INTO blob (sha256, size) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING', [
      blob.sha256,
      blob.size,
    ]);
    const doc = await insertWithFirstVersion(
      em,
      {
        title: `Loonstrook ${p.period}`,
        documentType: 'payslip',
        classification: 'CONFIDENTIAL',
        ownerEmployeeId: p.employeeId,
        tags: ['loonstrook', 'payslip', p.period, runTag],
        // Kept for the year the pay belongs to, not the day it was filed.
        retentionUntil: retentionUntil('payslip', { uploadedOn: `${p.period}-01` }),
        textStatus: 'PENDING',
        createdBy: PAYROLL_FILER,
      },
      { blob, mimeType: 'application/pdf', fileName: p.fileName },
    );
    await recordEvents(em, documentEvent('uploaded', doc, { userId: event.actor ?? PAYROLL_FILER }));
    log.info({ documentId: doc.id, payrollRunId: p.payrollRunId }, 'payslip filed');
  },
});
