import type { ServiceContext } from '@backoffice/kit';
import type { CatalogServices } from './services.js';

/** What the catalog resolvers receive: the kit's request context with this service's services (codegen.ts). */
export type CatalogContext = ServiceContext<CatalogServices>;
