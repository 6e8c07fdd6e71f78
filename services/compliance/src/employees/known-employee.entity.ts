import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Compliance's own read model of hr's employees, kept from hr's events; never read from hr's database. */
@Entity('known_employee')
export class KnownEmployee {
  @PrimaryColumn({ type: 'text' }) id: string;
  @Column({ name: 'given_name', type: 'text' }) givenName: string;
  @Column({ name: 'family_name', type: 'text' }) familyName: string;
  @Column({ type: 'text', nullable: true }) email: string | null;
  @Column({ type: 'boolean' }) active: boolean;
  @Column({ name: 'hired_at', type: 'timestamptz' }) hiredAt: Date;
  @Column({ name: 'terminated_at', type: 'timestamptz', nullable: true }) terminatedAt: Date | null;
}
