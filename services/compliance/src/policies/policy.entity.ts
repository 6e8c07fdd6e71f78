import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A policy by its key (e.g. `code-of-conduct`); its text lives in versions, the newest in force. */
@Entity('policy')
export class Policy {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) key: string;
  @Column({ name: 'current_version', type: 'int' }) currentVersion: number;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'clock_timestamp()' }) createdAt: Date;
}

@Entity('policy_version')
export class PolicyVersion {
  @PrimaryColumn({ name: 'policy_id', type: 'uuid' }) policyId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @Column({ type: 'text' }) title: string;
  @Column({ name: 'body_markdown', type: 'text' }) bodyMarkdown: string;
  @Column({ name: 'effective_date', type: 'date' }) effectiveDate: string;
  @Column({ name: 'published_by', type: 'text' }) publishedBy: string;
  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  publishedAt: Date;
  @Column({ name: 'superseded_at', type: 'timestamptz', nullable: true }) supersededAt: Date | null;
}

/** An employee asked to acknowledge one version; `acknowledgedAt` null while pending. */
@Entity('policy_acknowledgement')
export class PolicyAcknowledgement {
  @PrimaryColumn({ name: 'policy_id', type: 'uuid' }) policyId: string;
  @PrimaryColumn({ type: 'int' }) version: number;
  @PrimaryColumn({ name: 'employee_id', type: 'text' }) employeeId: string;
  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  requestedAt: Date;
  @Column({ name: 'acknowledged_at', type: 'timestamptz', nullable: true }) acknowledgedAt: Date | null;
  @Column({ name: 'acknowledged_by', type: 'text', nullable: true }) acknowledgedBy: string | null;
}
