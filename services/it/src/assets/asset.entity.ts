import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AssetStatus = 'IN_STOCK' | 'ASSIGNED' | 'IN_REPAIR' | 'RETIRED';

@Entity('asset')
export class Asset {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) tag: string;
  @Column({ type: 'text' }) model: string;
  @Column({ type: 'text' }) kind: 'HARDWARE' | 'LICENCE';
  @Column({ name: 'serial_number', type: 'text', nullable: true }) serialNumber: string | null;
  @Column({ type: 'text' }) status: AssetStatus;
  @Column({ name: 'assignee_id', type: 'uuid', nullable: true }) assigneeId: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

@Entity('asset_assignment')
export class AssetAssignment {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id: string;
  @Column({ name: 'asset_id', type: 'uuid' }) assetId: string;
  @Column({ name: 'employee_id', type: 'uuid' }) employeeId: string;
  @CreateDateColumn({ name: 'assigned_at', type: 'timestamptz' }) assignedAt: Date;
  @Column({ name: 'returned_at', type: 'timestamptz', nullable: true }) returnedAt: Date | null;
  @Column({ name: 'assigned_by', type: 'text', nullable: true }) assignedBy: string | null;
}
