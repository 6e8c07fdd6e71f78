import type { ServiceContext } from '@backoffice/kit';
import type { ComplianceServices } from './services.js';

/** What the compliance resolvers receive: the kit's request context with this service's services (codegen.ts). */
export type ComplianceContext = ServiceContext<ComplianceServices>;
