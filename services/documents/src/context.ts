import type { ServiceContext } from '@backoffice/kit';
import type { DocumentsServices } from './services.js';

/** What the documents resolvers receive: the kit's request context with this service's services (codegen.ts). */
export type DocumentsContext = ServiceContext<DocumentsServices>;
