import { Column, Entity, PrimaryColumn } from 'typeorm';

/** IT's own read model of hr's employees, kept from hr's events; never read from hr's database. */
@Entity('known_employee')
export class KnownEmployee {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'given_name', type: 'text' }) givenName: string;
  @Column({ name: 'family_name', type: 'text' }) familyName: string;
  @Column({ type: 'text' }) email: string;
  @Column({ name: 'department_name', type: 'text', nullable: true }) departmentName: string | null;
  @Column({ name: 'cost_center', type: 'text', nullable: true }) costCenter: string | null;
  @Column({ name: 'work_location', type: 'text' }) workLocation: 'OFFICE' | 'REMOTE' | 'HYBRID';
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate: string | null;
  @Column({ type: 'boolean' }) active: boolean;
}
