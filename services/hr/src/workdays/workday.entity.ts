import { Column, Entity, PrimaryColumn } from 'typeorm';

export type WorkdayKind = 'HOME' | 'OFFICE';

/** Where an employee worked on one day: at home or at the fixed workplace (with the commute's km). */
@Entity('workday')
export class Workday {
  @PrimaryColumn({ name: 'employee_id', type: 'uuid' }) employeeId: string;
  @PrimaryColumn({ type: 'date' }) date: string;
  @Column({ type: 'text' }) kind: WorkdayKind;
  @Column({ name: 'commute_km', type: 'numeric', precision: 7, scale: 2, nullable: true })
  commuteKm: string | null;
  @Column({ name: 'registered_by', type: 'text', nullable: true }) registeredBy: string | null;
  @Column({ name: 'registered_at', type: 'timestamptz' }) registeredAt: Date;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
