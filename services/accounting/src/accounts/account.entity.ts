import { Column, Entity, PrimaryColumn } from 'typeorm';

export type AccountType = 'ASSET' | 'LIABILITY' | 'EQUITY' | 'REVENUE' | 'EXPENSE';

@Entity('account')
export class Account {
  @PrimaryColumn({ type: 'text' }) code: string;
  @Column({ type: 'text' }) name: string;
  @Column({ type: 'text' }) type: AccountType;
  @Column({ name: 'parent_code', type: 'text', nullable: true }) parentCode: string | null;
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}
