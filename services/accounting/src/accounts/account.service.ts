import { type ServiceContext, badInput, byIdLoader, conflict, notFound, recordEvents } from '@backoffice/kit';
import type { DataSource } from 'typeorm';
import { Account, type AccountType } from './account.entity.js';
import { accountActivationChanged, accountCreated } from './account.events.js';
import type { CreateAccountInput } from '../generated/graphql.js';

const CODE = /^[0-9A-Z][0-9A-Z.-]{0,19}$/;
const NAME = /^[^:;|\n\t]{1,100}$/;

export class AccountService {
  constructor(private readonly db: DataSource) {}

  list(filter: { type?: AccountType | null; active?: boolean | null } = {}): Promise<Account[]> {
    const where: { type?: AccountType; active?: boolean } = {};
    if (filter.type) where.type = filter.type;
    if (filter.active !== null && filter.active !== undefined) where.active = filter.active;
    return this.db.getRepository(Account).find({ where, order: { code: 'ASC' } });
  }

  byCode(ctx: ServiceContext, code: string): Promise<Account | null> {
    return byIdLoader(ctx, this.db, Account).load(code);
  }

  async create(ctx: ServiceContext, input: CreateAccountInput): Promise<Account> {
    const code = input.code.trim().toUpperCase();
    if (!CODE.test(code)) throw badInput('code must be 1-20 digits, capitals, dots or dashes', 'code');
    const name = input.name.trim().replace(/\s+/g, ' ');
    // The name becomes part of an hledger account name (`Expenses:Travel`): no separators in it.
    if (!NAME.test(name)) throw badInput('name must be 1-100 characters without : ; | or tabs', 'name');
    return this.db.transaction(async (em) => {
      if (await em.findOneBy(Account, { code })) throw conflict(`account ${code} already exists`);
      const clash = await em.query('SELECT code FROM account WHERE type = $1 AND lower(name) = lower($2)', [
        input.type,
        name,
      ]);
      if (clash.length) throw conflict(`account ${clash[0].code} already has the name "${name}"`);
      let parentCode: string | null = null;
      if (input.parentCode) {
        const parent = await em.findOneBy(Account, { code: input.parentCode.trim().toUpperCase() });
        if (!parent) throw Object.assign(notFound('Account', input.parentCode), { field: 'parentCode' });
        if (parent.type !== input.type)
          throw badInput(`the parent ${parent.code} is ${parent.type}, not ${input.type}`, 'parentCode');
        parentCode = parent.code;
      }
      await em.query('INSERT INTO account (code, name, type, parent_code) VALUES ($1, $2, $3, $4)', [
        code,
        name,
        input.type,
        parentCode,
      ]);
      const account = await em.findOneByOrFail(Account, { code });
      await recordEvents(em, accountCreated({ code, name, type: input.type, parentCode }, ctx.identity));
      return account;
    });
  }

  /** An inactive account takes no new postings; its history and balance stay. */
  async setActive(ctx: ServiceContext, code: string, active: boolean): Promise<Account> {
    return this.db.transaction(async (em) => {
      const account = await em.findOneBy(Account, { code: code.trim().toUpperCase() });
      if (!account) throw notFound('Account', code);
      if (account.active !== active) {
        await em.query('UPDATE account SET active = $2 WHERE code = $1', [account.code, active]);
        account.active = active;
        await recordEvents(em, accountActivationChanged(account.code, active, ctx.identity));
      }
      return account;
    });
  }
}
