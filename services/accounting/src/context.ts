import type { ServiceContext } from '@backoffice/kit';
import type { AccountingServices } from './services.js';

/** What the accounting resolvers receive: the kit's request context with this service's services (codegen.ts). */
export type AccountingContext = ServiceContext<AccountingServices>;
