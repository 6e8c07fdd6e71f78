import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Whether this employer applies the wage tax credit (NL: loonheffingskorting) to the employee: the
 * employee chooses one employer for it, so it defaults to yes and is theirs to change.
 */
export class WageTaxCredit1764202500000 implements MigrationInterface {
  name = 'WageTaxCredit1764202500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE employee ADD COLUMN wage_tax_credit boolean NOT NULL DEFAULT true');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE employee DROP COLUMN wage_tax_credit');
  }
}
