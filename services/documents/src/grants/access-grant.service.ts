import {
  type ServiceContext,
  badInput,
  conflict,
  forbidden,
  isUuid,
  notFound,
  recordEvents,
  lockById,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Document, DocumentGrant } from '../documents/document.entity.js';
import { accessEvent } from './access-grant.events.js';
import { alreadyDecided, checkGrantee, decisionRefusal } from './access-grant.rules.js';
import { type AccessRequestStatus, DocumentAccessRequest } from './access-request.entity.js';

export interface AccessRequestFilter {
  status?: AccessRequestStatus | null;
  documentId?: string | null;
}

/**
 * Access to a document beyond its classification, with four eyes: a compliance officer or admin asks
 * (`request`), another one lets the user in (`grant`) or turns it down (`refuse`). Every step is an
 * event, so the audit trail shows who asked, who granted and for whom.
 */
export class AccessGrants {
  constructor(private readonly db: DataSource) {}

  async request(
    ctx: ServiceContext,
    documentId: string,
    userId: string,
    reason?: string | null,
  ): Promise<DocumentAccessRequest> {
    const user = checkGrantee(userId);
    if (!user) throw badInput('userId must be 1 to 200 characters', 'userId');
    const why = reason?.trim() || null;
    if (why && why.length > 2000) throw badInput('reason must be at most 2000 characters', 'reason');
    return this.db.transaction(async (em) => {
      const doc = await liveDocument(em, documentId);
      const [granted] = await em.query(
        'SELECT 1 FROM document_grant WHERE document_id = $1 AND user_id = $2',
        [doc.id, user],
      );
      if (granted) throw conflict(`${user} may already read this document`);
      const [pending] = await em.query(
        `SELECT id FROM document_access_request WHERE document_id = $1 AND user_id = $2 AND status = 'PENDING'`,
        [doc.id, user],
      );
      if (pending) throw conflict(`access for ${user} is already requested (request ${pending.id})`);
      const request = await em.save(
        em.create(DocumentAccessRequest, {
          documentId: doc.id,
          userId: user,
          reason: why,
          status: 'PENDING',
          requestedBy: ctx.identity.userId as string,
          decidedBy: null,
          decidedAt: null,
        }),
      );
      await recordEvents(em, accessEvent('access_requested', doc, request, ctx));
      return em.findOneByOrFail(DocumentAccessRequest, { id: request.id });
    });
  }

  /** The second person lets the user in: the pending request for them on this document becomes a grant. */
  async grant(ctx: ServiceContext, documentId: string, userId: string): Promise<DocumentGrant> {
    const user = checkGrantee(userId);
    if (!user) throw badInput('userId must be 1 to 200 characters', 'userId');
    return this.db.transaction(async (em) => {
      const doc = await liveDocument(em, documentId);
      const request = await em
        .getRepository(DocumentAccessRequest)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where("r.document_id = :d AND r.user_id = :u AND r.status = 'PENDING'", { d: doc.id, u: user })
        .getOne();
      if (!request)
        throw conflict(
          `nobody has asked for ${user} to read this document: access needs two people, one asks (requestDocumentAccess) and another grants`,
        );
      const refusal = decisionRefusal(ctx.identity.userId as string, request);
      if (refusal) throw forbidden(refusal);
      await this.decide(em, request, 'GRANTED', ctx);
      await em.query(
        `INSERT INTO document_grant (document_id, user_id, granted_by, requested_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (document_id, user_id) DO NOTHING`,
        [doc.id, user, ctx.identity.userId, request.requestedBy],
      );
      await recordEvents(em, accessEvent('access_granted', doc, request, ctx));
      return em.findOneByOrFail(DocumentGrant, { documentId: doc.id, userId: user });
    });
  }

  async refuse(ctx: ServiceContext, requestId: string): Promise<DocumentAccessRequest> {
    return this.db.transaction(async (em) => {
      const request = await lockById(em, DocumentAccessRequest, requestId);
      const decided = alreadyDecided(request);
      if (decided) throw conflict(decided);
      const refusal = decisionRefusal(ctx.identity.userId as string, request);
      if (refusal) throw forbidden(refusal);
      await this.decide(em, request, 'REFUSED', ctx);
      const doc = await em.findOneByOrFail(Document, { id: request.documentId });
      await recordEvents(em, accessEvent('access_refused', doc, request, ctx));
      return request;
    });
  }

  list(filter: AccessRequestFilter = {}): Promise<DocumentAccessRequest[]> {
    const qb = this.db.getRepository(DocumentAccessRequest).createQueryBuilder('r');
    if (filter.status) qb.andWhere('r.status = :s', { s: filter.status });
    if (filter.documentId) {
      if (!isUuid(filter.documentId)) return Promise.resolve([]);
      qb.andWhere('r.document_id = :d', { d: filter.documentId });
    }
    return qb.orderBy('r.requested_at', 'DESC').limit(500).getMany();
  }

  private async decide(
    em: EntityManager,
    request: DocumentAccessRequest,
    status: AccessRequestStatus,
    ctx: ServiceContext,
  ): Promise<void> {
    request.status = status;
    request.decidedBy = ctx.identity.userId;
    request.decidedAt = new Date();
    await em.update(
      DocumentAccessRequest,
      { id: request.id },
      { status, decidedBy: request.decidedBy, decidedAt: request.decidedAt },
    );
  }
}

async function liveDocument(em: EntityManager, documentId: string): Promise<Document> {
  const doc = isUuid(documentId) ? await em.findOneBy(Document, { id: documentId }) : null;
  if (!doc || doc.deletedAt) throw notFound('Document', documentId);
  return doc;
}
