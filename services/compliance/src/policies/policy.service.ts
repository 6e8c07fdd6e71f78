import {
  type ServiceContext,
  badInput,
  byKeys,
  conflict,
  forbidden,
  groupByKeys,
  hasRole,
  isSelf,
  notFound,
  recordEvents,
  isUuid,
} from '@backoffice/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { Policy, PolicyAcknowledgement, PolicyVersion } from './policy.entity.js';
import { policyAcknowledged, policyPublished } from './policy.events.js';
import type { PublishPolicyInput } from '../generated/graphql.js';

/** A policy as clients see it: its key and its version in force. */
export interface PolicyView extends PolicyVersion {
  id: string;
  key: string;
}

export interface OverdueAcknowledgement {
  employeeId: string;
  policyId: string;
  policyKey: string;
  version: number;
  requestedAt: Date;
  daysPending: number;
}

const KEY = /^[a-z0-9][a-z0-9_.-]{0,79}$/;

const CURRENT_SQL = `
  SELECT p.id, p.key, v.policy_id AS "policyId", v.version, v.title, v.body_markdown AS "bodyMarkdown",
         v.effective_date AS "effectiveDate", v.published_by AS "publishedBy", v.published_at AS "publishedAt",
         v.superseded_at AS "supersededAt"
  FROM policy p JOIN policy_version v ON v.policy_id = p.id AND v.version = p.current_version`;

export class PolicyService {
  constructor(private readonly db: DataSource) {}

  /**
   * A new key starts at version 1; an existing key gets the next version, which supersedes the one
   * before. Every active employee is asked to acknowledge it; what they owed for the superseded
   * version is withdrawn (what they acknowledged stays as history).
   */
  async publish(ctx: ServiceContext, input: PublishPolicyInput): Promise<PolicyView> {
    const key = input.key?.trim().toLowerCase();
    if (!key || !KEY.test(key))
      throw badInput('key must be lowercase letters, digits, ".", "_" or "-", e.g. code-of-conduct', 'key');
    const title = input.title?.trim();
    if (!title || title.length > 200) throw badInput('title must be 1 to 200 characters', 'title');
    const body = input.bodyMarkdown?.trim();
    if (!body || body.length > 200_000)
      throw badInput('bodyMarkdown must be 1 to 200000 characters', 'bodyMarkdown');
    return this.db.transaction(async (em) => {
      // Serialises publishers of the same key, so two never hand out the same version.
      await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`policy:${key}`]);
      let policy = await em.findOneBy(Policy, { key });
      if (policy) {
        await em.update(
          PolicyVersion,
          { policyId: policy.id, version: policy.currentVersion },
          { supersededAt: new Date() },
        );
        await em.query(
          'DELETE FROM policy_acknowledgement WHERE policy_id = $1 AND acknowledged_at IS NULL',
          [policy.id],
        );
        policy.currentVersion += 1;
        await em.save(policy);
      } else {
        policy = await em.save(em.create(Policy, { key, currentVersion: 1 }));
      }
      const version = await em.save(
        em.create(PolicyVersion, {
          policyId: policy.id,
          version: policy.currentVersion,
          title,
          bodyMarkdown: body,
          effectiveDate: input.effectiveDate,
          publishedBy: ctx.identity.userId as string,
          supersededAt: null,
        }),
      );
      const asked: unknown[] = await em.query(
        `INSERT INTO policy_acknowledgement (policy_id, version, employee_id)
         SELECT $1, $2, id FROM known_employee WHERE active RETURNING 1`,
        [policy.id, version.version],
      );
      await recordEvents(em, policyPublished(key, version, asked.length, ctx.identity));
      return { ...version, id: policy.id, key };
    });
  }

  /** A new employee owes an acknowledgement of every policy in force. */
  async askToAcknowledgeAll(em: EntityManager, employeeId: string): Promise<void> {
    await em.query(
      `INSERT INTO policy_acknowledgement (policy_id, version, employee_id)
       SELECT id, current_version, $1 FROM policy
       ON CONFLICT DO NOTHING`,
      [employeeId],
    );
  }

  async withdrawPending(em: EntityManager, employeeId: string): Promise<void> {
    await em.query('DELETE FROM policy_acknowledgement WHERE employee_id = $1 AND acknowledged_at IS NULL', [
      employeeId,
    ]);
  }

  /**
   * The employee themself acknowledges the version in force. An older version is CONFLICT (the
   * request is well formed but the policy moved on: read the new text); acknowledging again returns
   * the first acknowledgement unchanged.
   */
  async acknowledge(ctx: ServiceContext, policyId: string, version: number): Promise<PolicyAcknowledgement> {
    const employeeId = ctx.identity.employeeId;
    if (!employeeId) throw forbidden('only an employee acknowledges policies, for themself');
    return this.db.transaction(async (em) => {
      const policy = isUuid(policyId) ? await em.findOneBy(Policy, { id: policyId }) : null;
      if (!policy) throw notFound('Policy', policyId);
      if (!Number.isInteger(version) || version < 1 || version > policy.currentVersion)
        throw notFound(`Version ${version} of policy`, policyId);
      const existing = await em.findOneBy(PolicyAcknowledgement, { policyId, version, employeeId });
      if (existing?.acknowledgedAt) return existing;
      if (version !== policy.currentVersion)
        throw conflict(
          `version ${version} of ${policy.key} was superseded by version ${policy.currentVersion}: acknowledge that one`,
        );
      const row = existing ?? em.create(PolicyAcknowledgement, { policyId, version, employeeId });
      row.acknowledgedAt = new Date();
      row.acknowledgedBy = ctx.identity.userId;
      const saved = await em.save(row);
      await recordEvents(em, policyAcknowledged({ policyId, version, employeeId }, ctx.identity));
      return saved;
    });
  }

  current(): Promise<PolicyView[]> {
    return this.db.query(`${CURRENT_SQL} ORDER BY p.key`);
  }

  byId(ctx: ServiceContext, id: string): Promise<PolicyView | null> {
    return ctx.loaders
      .get<string, PolicyView | null>('policy', async (ids) => {
        const valid = ids.filter((i) => isUuid(i));
        const rows: PolicyView[] = valid.length
          ? await this.db.query(`${CURRENT_SQL} WHERE p.id = ANY($1)`, [valid])
          : [];
        return byKeys(ids, rows, (r) => r.id);
      })
      .load(id);
  }

  versions(ctx: ServiceContext, policyId: string): Promise<PolicyVersion[]> {
    return ctx.loaders
      .get<string, PolicyVersion[]>('policyVersions', async (ids) => {
        const rows = await this.db
          .getRepository(PolicyVersion)
          .createQueryBuilder('v')
          .where('v.policy_id = ANY(:ids)', { ids })
          .orderBy('v.version', 'DESC')
          .getMany();
        return groupByKeys(ids, rows, (v) => v.policyId);
      })
      .load(policyId);
  }

  /** The employee themself, hr and compliance see an employee's acknowledgements; newest requests first. */
  acknowledgementsOf(ctx: ServiceContext, employeeId: string): Promise<PolicyAcknowledgement[]> {
    if (!hasRole(ctx, 'hr', 'compliance_officer') && !isSelf(ctx, employeeId))
      throw forbidden("an employee's acknowledgements are for hr, compliance and the employee themself");
    return ctx.loaders
      .get<string, PolicyAcknowledgement[]>('acknowledgements', async (ids) => {
        const rows = await this.db
          .getRepository(PolicyAcknowledgement)
          .createQueryBuilder('a')
          .where('a.employee_id = ANY(:ids)', { ids })
          .orderBy('a.acknowledged_at', 'ASC', 'NULLS FIRST')
          .addOrderBy('a.requested_at', 'DESC')
          .getMany();
        return groupByKeys(ids, rows, (a) => a.employeeId);
      })
      .load(employeeId);
  }

  /** Acknowledgements active employees have owed for more than `days` days, longest first. */
  async overdue(days: number, now = new Date()): Promise<OverdueAcknowledgement[]> {
    if (!Number.isInteger(days) || days < 0 || days > 3650) throw badInput('days must be 0 to 3650', 'days');
    const rows = await this.db.query(
      `SELECT a.employee_id AS "employeeId", a.policy_id AS "policyId", p.key AS "policyKey", a.version,
              a.requested_at AS "requestedAt",
              floor(extract(epoch FROM ($2::timestamptz - a.requested_at)) / 86400)::int AS "daysPending"
       FROM policy_acknowledgement a
       JOIN policy p ON p.id = a.policy_id
       JOIN known_employee e ON e.id = a.employee_id AND e.active
       WHERE a.acknowledged_at IS NULL AND a.requested_at < $2::timestamptz - make_interval(days => $1)
       ORDER BY a.requested_at, a.employee_id`,
      [days, now],
    );
    return rows;
  }
}
