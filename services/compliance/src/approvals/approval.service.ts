import {
  type ServiceContext,
  badInput,
  byIdLoader,
  byKeys,
  conflict,
  forbidden,
  groupByKeys,
  hasRole,
  isSelf,
  recordEvents,
  lockById,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Approval, ApprovalStep } from './approval.entity.js';
import { approvalDecided, approvalRequested, approvalStepApproved } from './approval.events.js';
import {
  APPROVER_ROLES,
  assertMayDecide,
  expiryFrom,
  governedBy,
  normaliseSubjectId,
  statusAfter,
  stepsRequiredFor,
} from './approval.rules.js';
import type { ApprovalFilter, RequestApprovalInput } from '../generated/graphql.js';

/**
 * An approval the subject's owning service asks for (over the bus): what is asked comes from the subject
 * itself (its amount, its author), keyed by the request event so a redelivery opens nothing twice.
 */
export interface OwnerRequest {
  requestEventId: string;
  subjectType: string;
  subjectId: string;
  reason: string | null;
  amount: string | null;
  currency: string | null;
  requiredRole: string;
  /** At least this many steps (the amount may ask for more). */
  stepsRequired: number;
  /** The subject's author as its owner recorded it: the requester, who may never decide. */
  author: string;
  /** The author's employee record: no other login of the same person may decide either. */
  authorEmployeeId?: string | null;
}

export interface ApprovalSettings {
  secondApprovalThreshold: string;
  ttlHours: number;
}

const EXPIRY_BATCH = 200;

export class ApprovalService {
  constructor(
    private readonly db: DataSource,
    private readonly settings: ApprovalSettings,
  ) {}

  /** Officers see every approval; others the ones they may decide (their role) and the ones they asked for. */
  maySee(ctx: ServiceContext, a: Approval): boolean {
    return (
      hasRole(ctx, 'compliance_officer') ||
      ctx.identity.roles.includes(a.requiredRole as never) ||
      a.requestedBy === ctx.identity.userId ||
      isSelf(ctx, a.requestedByEmployeeId)
    );
  }

  async request(ctx: ServiceContext, input: RequestApprovalInput): Promise<Approval> {
    const userId = ctx.identity.userId as string;
    const values = validateRequest(input);
    const owner = governedBy(values.subjectType);
    if (owner)
      throw forbidden(
        `${values.subjectType} approvals cannot be requested here: ${owner}, from the entry's own amount and author`,
      );
    return this.db.transaction(async (em) => {
      const approval = await this.open(em, {
        ...values,
        requestedBy: userId,
        requestedByEmployeeId: ctx.identity.employeeId,
        subjectAuthor: values.subjectAuthor,
        sourceEventId: null,
      });
      await recordEvents(em, approvalRequested(approval, ctx.identity));
      return approval;
    });
  }

  /**
   * Opens the approval an owning service asked for, once per request event. A pending approval of the same
   * subject that the owner did not ask for (asked before the owner governed the type) is superseded: it
   * expires, and the owner ignores its decision anyway. Returns null when the request was already opened.
   */
  async openForOwner(em: EntityManager, r: OwnerRequest): Promise<Approval | null> {
    if (await em.findOneBy(Approval, { sourceEventId: r.requestEventId })) return null;
    const values = validateRequest({
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      reason: r.reason,
      amount: r.amount,
      currency: r.currency,
      requiredRole: r.requiredRole,
    });
    const pending = await em
      .getRepository(Approval)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where(`a.subject_type = :t AND a.subject_id = :id AND a.status = 'PENDING'`, {
        t: values.subjectType,
        id: values.subjectId,
      })
      .getMany();
    for (const other of pending) {
      other.status = 'EXPIRED';
      other.decidedAt = new Date();
      other.comment = `superseded by the approval the owner asked for (request ${r.requestEventId})`;
      await em.save(other);
      await recordEvents(em, approvalDecided(other, [], null));
    }
    const approval = await this.open(em, {
      ...values,
      requestedBy: r.author,
      requestedByEmployeeId: r.authorEmployeeId ?? null,
      subjectAuthor: r.author,
      sourceEventId: r.requestEventId,
      stepsAtLeast: r.stepsRequired,
    });
    await recordEvents(em, approvalRequested(approval, { userId: r.author }));
    return approval;
  }

  private async open(
    em: EntityManager,
    values: Omit<ReturnType<typeof validateRequest>, 'subjectAuthor'> & {
      requestedBy: string;
      requestedByEmployeeId: string | null;
      subjectAuthor: string | null;
      sourceEventId: string | null;
      /** The owner's floor on the number of steps. */
      stepsAtLeast?: number;
    },
  ): Promise<Approval> {
    const pending = await em.findOneBy(Approval, {
      subjectType: values.subjectType,
      subjectId: values.subjectId,
      status: 'PENDING',
    });
    if (pending)
      throw conflict(
        `${values.subjectType} ${values.subjectId} already has a pending approval (${pending.id})`,
      );
    const now = new Date();
    const { stepsAtLeast, ...row } = values;
    return em.save(
      em.create(Approval, {
        ...row,
        stepsRequired: Math.max(
          stepsRequiredFor(values.amount, this.settings.secondApprovalThreshold),
          Math.min(stepsAtLeast ?? 1, 2),
        ),
        status: 'PENDING',
        expiresAt: expiryFrom(now, this.settings.ttlHours),
        decidedBy: null,
        decidedAt: null,
        comment: null,
        createdAt: now,
      }),
    );
  }

  async decide(
    ctx: ServiceContext,
    id: string,
    approve: boolean,
    comment?: string | null,
  ): Promise<Approval> {
    const note = comment?.trim() || null;
    if (note && note.length > 2000) throw badInput('comment is longer than 2000 characters', 'comment');
    if (!approve && !note) throw badInput('say why: a rejection needs a comment', 'comment');
    return this.db.transaction(async (em) => {
      const approval = await lockById(em, Approval, id);
      const steps = await em.find(ApprovalStep, { where: { approvalId: id }, order: { step: 'ASC' } });
      const step = assertMayDecide({ ...approval, steps }, ctx.identity, new Date());
      const decidedBy = ctx.identity.userId as string;
      await em.insert(ApprovalStep, { approvalId: id, step, decidedBy, approve, comment: note });
      approval.status = statusAfter(approval, step, approve);
      if (approval.status === 'PENDING') {
        await recordEvents(em, approvalStepApproved(approval, step, ctx.identity));
        return approval;
      }
      approval.decidedBy = decidedBy;
      approval.decidedAt = new Date();
      approval.comment = note;
      await em.save(approval);
      const decided = [...steps, { step, decidedBy, approve }];
      await recordEvents(em, approvalDecided(approval, decided, ctx.identity));
      return approval;
    });
  }

  /** Marks pending approvals past their deadline EXPIRED and tells the subject's owner; returns how many. */
  async expireDue(now = new Date()): Promise<number> {
    return this.db.transaction(async (em) => {
      const due = await em
        .getRepository(Approval)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .where(`a.status = 'PENDING' AND a.expires_at <= :now`, { now })
        .orderBy('a.expires_at')
        .limit(EXPIRY_BATCH)
        .getMany();
      for (const approval of due) {
        approval.status = 'EXPIRED';
        approval.decidedAt = now;
        approval.comment = 'expired without a decision';
        await em.save(approval);
      }
      const steps = due.length
        ? await em
            .getRepository(ApprovalStep)
            .createQueryBuilder('s')
            .where('s.approval_id = ANY(:ids)', { ids: due.map((a) => a.id) })
            .orderBy('s.step')
            .getMany()
        : [];
      if (due.length > 0)
        await recordEvents(
          em,
          ...due.map((a) =>
            approvalDecided(
              a,
              steps.filter((st) => st.approvalId === a.id),
              null,
            ),
          ),
        );
      return due.length;
    });
  }

  async list(ctx: ServiceContext, filter: ApprovalFilter = {}): Promise<Approval[]> {
    const qb = this.db.getRepository(Approval).createQueryBuilder('a');
    if (filter.status) qb.andWhere('a.status = :status', { status: filter.status });
    if (filter.subjectType) qb.andWhere('a.subject_type = :st', { st: filter.subjectType });
    if (filter.subjectId) qb.andWhere('a.subject_id = :sid', { sid: normaliseSubjectId(filter.subjectId) });
    if (!hasRole(ctx, 'compliance_officer')) {
      qb.andWhere(
        '(a.required_role = ANY(:roles) OR a.requested_by = :me OR a.requested_by_employee_id = :employee)',
        {
          roles: ctx.identity.roles,
          me: ctx.identity.userId,
          employee: ctx.identity.employeeId ?? '',
        },
      );
    }
    return qb.orderBy('a.created_at', 'DESC').addOrderBy('a.id').limit(500).getMany();
  }

  async get(ctx: ServiceContext, id: string): Promise<Approval | null> {
    const approval = await this.approvals(ctx).load(id);
    if (!approval) return null;
    if (!this.maySee(ctx, approval))
      throw forbidden('this approval is for its requester, its approvers and compliance');
    return approval;
  }

  private approvals(ctx: ServiceContext) {
    return byIdLoader(ctx, this.db, Approval);
  }

  steps(ctx: ServiceContext, approvalId: string): Promise<ApprovalStep[]> {
    return ctx.loaders
      .get<string, ApprovalStep[]>('approvalSteps', async (ids) => {
        const rows = await this.db
          .getRepository(ApprovalStep)
          .createQueryBuilder('s')
          .where('s.approval_id = ANY(:ids)', { ids })
          .orderBy('s.step')
          .getMany();
        return groupByKeys(ids, rows, (s) => s.approvalId);
      })
      .load(approvalId);
  }

  /** The latest approval of each journal entry asked for, in one query however many entries (the field's roles guard it). */
  async latestForJournalEntry(ctx: ServiceContext, journalEntryId: string): Promise<Approval | null> {
    const id = normaliseSubjectId(journalEntryId);
    const approval = await ctx.loaders
      .get<string, Approval | null>('journalEntryApproval', async (ids) => {
        const rows = await this.db
          .getRepository(Approval)
          .createQueryBuilder('a')
          .distinctOn(['a.subject_id'])
          .where(`a.subject_type = 'JournalEntry' AND a.subject_id = ANY(:ids)`, { ids })
          .orderBy('a.subject_id')
          .addOrderBy('a.created_at', 'DESC')
          .getMany();
        return byKeys(ids, rows, (a) => a.subjectId);
      })
      .load(id);
    return approval;
  }

  /** Approvals an employee asked for: compliance, or the employee themself. */
  requestedByEmployee(ctx: ServiceContext, employeeId: string): Promise<Approval[]> {
    if (!hasRole(ctx, 'compliance_officer') && !isSelf(ctx, employeeId))
      throw forbidden("an employee's approval requests are visible to compliance and the employee themself");
    return ctx.loaders
      .get<string, Approval[]>('approvalsByEmployee', async (ids) => {
        const rows = await this.db
          .getRepository(Approval)
          .createQueryBuilder('a')
          .where('a.requested_by_employee_id = ANY(:ids)', { ids })
          .orderBy('a.created_at', 'DESC')
          .getMany();
        return groupByKeys(ids, rows, (a) => a.requestedByEmployeeId as string);
      })
      .load(employeeId);
  }

  async pendingCount(): Promise<number> {
    const [row] = await this.db.query(`SELECT count(*)::int AS n FROM approval WHERE status = 'PENDING'`);
    return row.n;
  }
}

function validateRequest(input: RequestApprovalInput) {
  const subjectType = input.subjectType?.trim();
  if (!subjectType || subjectType.length > 100 || !/^[A-Za-z][A-Za-z0-9_]*$/.test(subjectType))
    throw badInput('subjectType must be a type name such as JournalEntry', 'subjectType');
  const subjectId = input.subjectId ? normaliseSubjectId(input.subjectId) : '';
  if (!subjectId || subjectId.length > 200)
    throw badInput('subjectId must be 1 to 200 characters', 'subjectId');
  const reason = input.reason?.trim() || null;
  if (reason && reason.length > 2000) throw badInput('reason is longer than 2000 characters', 'reason');
  if (!APPROVER_ROLES.includes(input.requiredRole as never))
    throw badInput(`requiredRole must be one of: ${APPROVER_ROLES.join(', ')}`, 'requiredRole');
  const amount = input.amount ?? null;
  if (amount?.startsWith('-')) throw badInput('amount must not be negative', 'amount');
  const currency = input.currency?.trim().toUpperCase() || null;
  if (currency && !/^[A-Z]{3}$/.test(currency))
    throw badInput('currency must be an ISO 4217 code', 'currency');
  if (amount !== null && !currency) throw badInput('an amount needs its currency', 'currency');
  return {
    subjectType,
    subjectId,
    reason,
    amount,
    currency,
    requiredRole: input.requiredRole,
    subjectAuthor: input.subjectAuthorUserId?.trim() || null,
  };
}
