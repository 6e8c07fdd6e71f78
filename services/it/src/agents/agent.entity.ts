import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An employee on the service desk's roster: tickets may be assigned to them while not retired. */
@Entity('it_agent')
export class ItAgent {
  @PrimaryColumn({ name: 'employee_id', type: 'uuid' }) employeeId: string;
  /** Leads take escalated tickets (SLA_ESCALATION=reassign without a configured lead). */
  @Column({ type: 'boolean' }) lead: boolean;
  @Column({ name: 'registered_by', type: 'text', nullable: true }) registeredBy: string | null;
  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt: Date;
  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true }) retiredAt: Date | null;
}
