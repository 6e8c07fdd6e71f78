import {
  type Connection,
  type ServiceContext,
  byKeys,
  connection,
  decodeCursor,
  forbidden,
  groupByKeys,
  hasRole,
  isValidDate,
  badInput,
  notFound,
  pageSize,
  isUuid,
} from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { Document, DocumentVersion } from './document.entity.js';
import { mayRead, readableSql } from './document.access.js';
import type { DocumentFilter } from '../generated/graphql.js';

type Loaded = { doc: Document; granted: boolean; held: boolean };

/** Reading documents: one, a page, an employee's; every read passes the access rule. */
export class DocumentService {
  constructor(private readonly db: DataSource) {}

  private loader(ctx: ServiceContext) {
    return ctx.loaders.get<string, Loaded | null>('document', async (ids) => {
      const valid = ids.filter(isUuid);
      if (valid.length === 0) return ids.map(() => null);
      const { raw, entities } = await this.db
        .getRepository(Document)
        .createQueryBuilder('d')
        .addSelect(
          'EXISTS (SELECT 1 FROM document_grant g WHERE g.document_id = d.id AND g.user_id = :me)',
          'granted',
        )
        .addSelect(
          'EXISTS (SELECT 1 FROM legal_hold h WHERE h.document_id = d.id AND h.released_at IS NULL)',
          'held',
        )
        .where('d.id = ANY(:ids)', { ids: valid, me: ctx.identity.userId ?? '' })
        .getRawAndEntities();
      const loaded = entities.map((doc) => {
        const row = raw.find((r) => r.d_id === doc.id);
        return { doc, granted: !!row?.granted, held: !!row?.held };
      });
      return byKeys(ids, loaded, (l) => l.doc.id);
    });
  }

  /**
   * A document the caller may read; null when absent or deleted, FORBIDDEN when not theirs to read.
   * A deleted document a legal hold preserves stays readable to compliance_officer and admin (its
   * bytes are kept for them), and stays deleted to everyone else.
   */
  async find(ctx: ServiceContext, id: string): Promise<Document | null> {
    const loaded = await this.loader(ctx).load(id);
    if (!loaded) return null;
    const preserved = loaded.held && !loaded.doc.purgedAt && hasRole(ctx, 'compliance_officer');
    if (loaded.doc.deletedAt && !preserved) return null;
    if (!mayRead(ctx, loaded.doc, loaded.granted)) throw forbidden('you may not read this document');
    return loaded.doc;
  }

  async get(ctx: ServiceContext, id: string): Promise<Document> {
    const doc = await this.find(ctx, id);
    if (!doc) throw notFound('Document', id);
    return doc;
  }

  /** Newest first; only documents the caller may read, whatever the filter says. */
  async list(
    ctx: ServiceContext,
    args: { first?: number | null; after?: string | null; filter?: DocumentFilter | null },
  ): Promise<Connection<Document>> {
    const first = pageSize(args.first);
    const filter = args.filter ?? {};
    const readable = readableSql(ctx);
    const qb = this.db.getRepository(Document).createQueryBuilder('d').where(readable.sql, readable.params);
    if (filter.ownerEmployeeId) {
      if (!isUuid(filter.ownerEmployeeId)) return connection([], first, 0, () => []);
      qb.andWhere('d.owner_employee_id = :owner', { owner: filter.ownerEmployeeId });
    }
    if (filter.documentType)
      qb.andWhere('d.document_type = :type', { type: filter.documentType.toLowerCase() });
    if (filter.tag) qb.andWhere(':tag = ANY(d.tags)', { tag: filter.tag.trim().toLowerCase() });
    if (filter.classification) qb.andWhere('d.classification = :cls', { cls: filter.classification });
    for (const [key, op] of [
      ['from', '>='],
      ['to', '<='],
    ] as const) {
      const date = filter[key];
      if (!date) continue;
      if (!isValidDate(date)) throw badInput(`${key} must be a date YYYY-MM-DD`, key);
      qb.andWhere(`(d.created_at AT TIME ZONE 'UTC')::date ${op} :${key}::date`, { [key]: date });
    }
    // Counted only if the client asks for totalCount: on a big table the count costs more than the page.
    const countQuery = qb.clone();
    const totalCount = () => countQuery.getCount();
    const after = decodeCursor(args.after, 2);
    if (after)
      qb.andWhere('(d.created_at, d.id::text) < (:at::timestamptz, :afterId)', {
        at: after[0],
        afterId: after[1],
      });
    const rows = await qb
      .orderBy('d.created_at', 'DESC')
      .addOrderBy('d.id', 'DESC')
      .limit(first + 1)
      .getMany();
    return connection(rows, first, totalCount, (d) => [d.createdAt.toISOString(), d.id], args.after);
  }

  /** `Employee.documents`: the employee's documents the caller may read, one query per request. */
  ownedBy(ctx: ServiceContext, employeeId: string): Promise<Document[]> {
    return ctx.loaders
      .get<string, Document[]>('documents-by-owner', async (ids) => {
        const valid = ids.filter(isUuid);
        if (valid.length === 0) return ids.map(() => []);
        const readable = readableSql(ctx);
        const rows = await this.db
          .getRepository(Document)
          .createQueryBuilder('d')
          .where('d.owner_employee_id = ANY(:owners)', { owners: valid })
          .andWhere(readable.sql, readable.params)
          .orderBy('d.created_at', 'DESC')
          .getMany();
        return groupByKeys(ids, rows, (d) => d.ownerEmployeeId as string);
      })
      .load(employeeId);
  }

  versions(ctx: ServiceContext, doc: Document): Promise<DocumentVersion[]> {
    return ctx.loaders
      .get<string, DocumentVersion[]>('document-versions', async (ids) => {
        const rows = await this.db
          .getRepository(DocumentVersion)
          .createQueryBuilder('v')
          .where('v.document_id = ANY(:ids)', { ids })
          .orderBy('v.number', 'ASC')
          .getMany();
        return groupByKeys(ids, rows, (v) => v.documentId);
      })
      .load(doc.id);
  }

  async currentVersion(ctx: ServiceContext, doc: Document): Promise<DocumentVersion> {
    const versions = await this.versions(ctx, doc);
    const current = versions.find((v) => v.number === doc.currentVersion);
    if (!current) throw new Error(`document ${doc.id} has no version ${doc.currentVersion}`);
    return current;
  }

  /** Compliance and admin see who was let into a strictly confidential document. */
  async grants(ctx: ServiceContext, doc: Document): Promise<string[]> {
    if (!hasRole(ctx, 'compliance_officer')) return [];
    const grants = await ctx.loaders
      .get<string, { document_id: string; user_id: string }[]>('document-grants', async (ids) => {
        const rows: { document_id: string; user_id: string }[] = await this.db.query(
          'SELECT document_id, user_id FROM document_grant WHERE document_id = ANY($1) ORDER BY granted_at',
          [ids],
        );
        return groupByKeys(ids, rows, (r) => r.document_id);
      })
      .load(doc.id);
    return grants.map((g) => g.user_id);
  }
}
