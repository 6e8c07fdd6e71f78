import type { ServiceContext } from '@backoffice/kit';
import type { HrServices } from './services.js';

/** What the hr resolvers receive: the kit's request context with this service's services (codegen.ts). */
export type HrContext = ServiceContext<HrServices>;
