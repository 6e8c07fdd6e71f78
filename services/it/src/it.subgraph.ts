import type { SubgraphDefinition } from '@backoffice/kit';
import { Asset, AssetAssignment } from './assets/asset.entity.js';
import { assetResolvers } from './assets/asset.resolvers.js';
import { employeeHiredHandler } from './employees/employee-hired.handler.js';
import { employeeTerminatedHandler } from './employees/employee-terminated.handler.js';
import { KnownEmployee } from './employees/known-employee.entity.js';
import { ServiceDesk1764201800000 } from './migrations/1764201800000-service-desk.js';
import { type ItServices, itServices } from './services.js';
import { Ticket, TicketChange, TicketComment, TicketSlaPause } from './tickets/ticket.entity.js';
import { ticketResolvers } from './tickets/ticket.resolvers.js';

/** Everything the it subgraph is made of, registered explicitly. */
export const itSubgraph: SubgraphDefinition<ItServices> = {
  name: 'it',
  schemaDir: import.meta.dirname,
  entities: [Ticket, TicketSlaPause, TicketComment, TicketChange, KnownEmployee, Asset, AssetAssignment],
  migrations: [ServiceDesk1764201800000],
  services: itServices,
  resolvers: [ticketResolvers, assetResolvers] as never,
  handlers: (services) => [
    employeeHiredHandler(services.tickets),
    employeeTerminatedHandler(services.tickets),
  ],
};
