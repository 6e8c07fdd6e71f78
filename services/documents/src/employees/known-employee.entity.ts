import { Column, Entity, PrimaryColumn } from 'typeorm';

/** documents' own read model of hr's employees, kept from hr's events; never read from hr's database. */
@Entity('known_employee')
export class KnownEmployee {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'end_date', type: 'date', nullable: true }) endDate: string | null;
}
