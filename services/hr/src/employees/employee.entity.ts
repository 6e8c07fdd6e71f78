import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export type WorkLocation = 'OFFICE' | 'REMOTE' | 'HYBRID';
export type EmployeeStatus = 'ACTIVE' | 'TERMINATED';

@Entity('employee')
export class Employee {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'given_name', type: 'text' }) givenName: string;
  @Column({ name: 'family_name', type: 'text' }) familyName: string;
  @Column({ type: 'text' }) email: string;
  @Column({ type: 'text' }) status: EmployeeStatus;
  @Column({ name: 'work_location', type: 'text' }) workLocation: WorkLocation;
  @Column({ name: 'work_country', type: 'text' }) workCountry: string;
  @Column({ type: 'text', nullable: true }) position: string | null;
  @Column({ name: 'department_id', type: 'uuid' }) departmentId: string;
  @Column({ name: 'manager_id', type: 'uuid', nullable: true }) managerId: string | null;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate: string | null;
  @Column({ name: 'termination_reason', type: 'text', nullable: true }) terminationReason: string | null;
  @Column({ name: 'date_of_birth', type: 'date', nullable: true }) dateOfBirth: string | null;
  @Column({ type: 'text', nullable: true }) address: string | null;
  @Column({ type: 'text', nullable: true }) postcode: string | null;
  @Column({ type: 'text', nullable: true }) iban: string | null;
  @Column({ type: 'text', nullable: true }) bsn: string | null;
  /** Whether this employer applies the wage tax credit (NL: loonheffingskorting); the employee's choice. */
  @Column({ name: 'wage_tax_credit', type: 'boolean', default: true }) wageTaxCredit: boolean;
  /** The NL wage tax table: WHITE (current employment) or GREEN (pensions, benefits). */
  @Column({ name: 'wage_tax_table', type: 'text', default: 'WHITE' }) wageTaxTable: 'WHITE' | 'GREEN';
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

@Entity('employee_status_change')
export class EmployeeStatusChange {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'employee_id', type: 'uuid' }) employeeId: string;
  @Column({ type: 'text' }) status: EmployeeStatus;
  @Column({ name: 'work_location', type: 'text' }) workLocation: WorkLocation;
  @Column({ name: 'effective_from', type: 'date' }) effectiveFrom: string;
  @CreateDateColumn({ name: 'changed_at', type: 'timestamptz' }) changedAt: Date;
  @Column({ name: 'changed_by', type: 'text', nullable: true }) changedBy: string | null;
  @Column({ type: 'text', nullable: true }) reason: string | null;
}
