import type { ServiceContext } from '@backoffice/kit';
import type { ItServices } from './services.js';

/** What the it resolvers receive: the kit's request context with this service's services (codegen.ts). */
export type ItContext = ServiceContext<ItServices>;
