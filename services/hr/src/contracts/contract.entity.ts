import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One dated version of an employee's terms; a raise is a new version. At most one applies on any day. */
@Entity('contract_version')
export class ContractVersionRow {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'employee_id', type: 'uuid' }) employeeId: string;
  @Column({ name: 'monthly_salary', type: 'numeric', precision: 14, scale: 2 }) monthlySalary: string;
  @Column({ type: 'text' }) currency: string;
  @Column({ type: 'numeric', precision: 4, scale: 3 }) fte: string;
  @Column({ name: 'weekly_hours', type: 'numeric', precision: 5, scale: 2 }) weeklyHours: string;
  @Column({ name: 'start_date', type: 'date' }) startDate: string;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate: string | null;
  /** The holiday allowance is paid every month instead of reserved for the yearly payout. */
  @Column({ name: 'holiday_allowance_monthly', type: 'boolean', default: false })
  holidayAllowanceMonthly: boolean;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
