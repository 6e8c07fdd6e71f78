import type { ServiceContext } from '@backoffice/kit';
import type { AccountingServices } from '../services.js';
import type { Account, AccountType } from './account.entity.js';
import type { CreateAccountInput } from './account.service.js';

type Ctx = ServiceContext<AccountingServices>;

export const accountResolvers = {
  Query: {
    accounts: (_: unknown, filter: { type?: AccountType; active?: boolean }, ctx: Ctx) =>
      ctx.services.accounts.list(filter),
  },
  Mutation: {
    createAccount: (_: unknown, { input }: { input: CreateAccountInput }, ctx: Ctx) =>
      ctx.services.accounts.create(ctx, input),
    setAccountActive: (_: unknown, a: { code: string; active: boolean }, ctx: Ctx) =>
      ctx.services.accounts.setActive(ctx, a.code, a.active),
  },
  Account: {
    parent: (a: Account, _: unknown, ctx: Ctx) =>
      a.parentCode ? ctx.services.accounts.byCode(ctx, a.parentCode) : null,
  },
};
