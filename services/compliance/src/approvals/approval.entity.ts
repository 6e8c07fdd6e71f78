import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import type { ApprovalStatus } from './approval.rules.js';

/** A request that something (a journal entry, a payment, an access grant) be approved by someone else. */
@Entity('approval')
export class Approval {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'subject_type', type: 'text' }) subjectType: string;
  @Column({ name: 'subject_id', type: 'text' }) subjectId: string;
  @Column({ type: 'text', nullable: true }) reason: string | null;
  @Column({ type: 'numeric', nullable: true }) amount: string | null;
  @Column({ type: 'text', nullable: true }) currency: string | null;
  @Column({ name: 'required_role', type: 'text' }) requiredRole: string;
  @Column({ name: 'steps_required', type: 'int' }) stepsRequired: number;
  @Column({ name: 'requested_by', type: 'text' }) requestedBy: string;
  @Column({ name: 'requested_by_employee_id', type: 'text', nullable: true })
  requestedByEmployeeId: string | null;
  @Column({ name: 'subject_author', type: 'text', nullable: true }) subjectAuthor: string | null;
  @Column({ type: 'text' }) status: ApprovalStatus;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ name: 'source_event_id', type: 'text', nullable: true }) sourceEventId: string | null;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt: Date;
}

/** One person's decision on one step. */
@Entity('approval_step')
export class ApprovalStep {
  @PrimaryColumn({ name: 'approval_id', type: 'uuid' }) approvalId: string;
  @PrimaryColumn({ type: 'int' }) step: number;
  @Column({ name: 'decided_by', type: 'text' }) decidedBy: string;
  @Column({ type: 'boolean' }) approve: boolean;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', default: () => 'clock_timestamp()' }) decidedAt: Date;
}
