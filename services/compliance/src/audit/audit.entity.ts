import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One domain event of any service, in the order the trail received it. Rows are never changed. */
@Entity('audit_entry')
export class AuditEntry {
  @PrimaryColumn({ type: 'bigint' }) sequence: string;
  @Column({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ type: 'text' }) type: string;
  @Column({ type: 'text' }) source: string;
  @Column({ type: 'text' }) subject: string;
  @Column({ type: 'text', nullable: true }) actor: string | null;
  @Column({ type: 'timestamptz' }) time: Date;
  @Column({ type: 'jsonb', nullable: true }) payload: unknown;
  /** The service whose signature the consumer verified; null only on entries older than signatures. */
  @Column({ type: 'text', nullable: true }) producer: string | null;
  @Column({ name: 'producer_key_id', type: 'text', nullable: true }) producerKeyId: string | null;
  @Column({ name: 'prev_hash', type: 'text' }) prevHash: string;
  @Column({ type: 'text' }) hash: string;
  @Column({ name: 'recorded_at', type: 'timestamptz' }) recordedAt: Date;
}

/** A published statement of the trail's head: anyone holding it can later prove nothing before changed. */
@Entity('audit_checkpoint')
export class AuditCheckpoint {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ type: 'bigint' }) sequence: string;
  @Column({ type: 'text' }) hash: string;
  @Column({ name: 'event_id', type: 'text' }) eventId: string;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
