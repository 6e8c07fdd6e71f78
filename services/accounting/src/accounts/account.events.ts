import { accounting } from '@backoffice/events';
import { type Identity, domainEvent } from '@backoffice/kit';

export const accountCreated = (
  account: { code: string; name: string; type: string; parentCode: string | null },
  actor: Identity,
) => domainEvent(accounting.accountCreated, account.code, account, actor);

/** An inactive account takes no new postings; its history and balance stay. */
export const accountActivationChanged = (code: string, active: boolean, actor: Identity) =>
  domainEvent(active ? accounting.accountActivated : accounting.accountDeactivated, code, { code }, actor);
