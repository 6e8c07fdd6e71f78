import type { SubgraphDefinition } from '@backoffice/kit';
import { ItAgent } from './agents/agent.entity.js';
import { agentResolvers } from './agents/agent.resolvers.js';
import { Asset, AssetAssignment } from './assets/asset.entity.js';
import { assetResolvers } from './assets/asset.resolvers.js';
import { config } from './config.js';
import { employeeHiredHandler } from './employees/employee-hired.handler.js';
import { employeeTerminatedHandler } from './employees/employee-terminated.handler.js';
import { KnownEmployee } from './employees/known-employee.entity.js';
import { ServiceDesk1764201800000 } from './migrations/1764201800000-service-desk.js';
import { SlaWatchersAgents1764202000000 } from './migrations/1764202000000-sla-watchers-agents.js';
import { TicketStatsRollup1764204000000 } from './migrations/1764204000000-ticket-stats-rollup.js';
import { ticketStatsResolvers } from './reports/ticket-stats.resolvers.js';
import { type ItServices, itServices } from './services.js';
import { type EscalationPolicy, SlaBreachJob } from './tickets/ticket-sla-breach.job.js';
import { TicketAutoCloseJob } from './tickets/ticket-auto-close.job.js';
import {
  Ticket,
  TicketChange,
  TicketComment,
  TicketSlaPause,
  TicketWatcher,
} from './tickets/ticket.entity.js';
import { ticketResolvers } from './tickets/ticket.resolvers.js';

export const escalationPolicy: EscalationPolicy =
  config.SLA_ESCALATION === 'reassign'
    ? { kind: 'reassign', leadEmployeeId: config.SLA_ESCALATION_LEAD_EMPLOYEE_ID ?? null }
    : { kind: config.SLA_ESCALATION };

/** Everything the it subgraph is made of, registered explicitly. */
export const itSubgraph: SubgraphDefinition<ItServices> = {
  name: 'it',
  schemaDir: import.meta.dirname,
  entities: [
    Ticket,
    TicketSlaPause,
    TicketComment,
    TicketChange,
    TicketWatcher,
    ItAgent,
    KnownEmployee,
    Asset,
    AssetAssignment,
  ],
  migrations: [ServiceDesk1764201800000, SlaWatchersAgents1764202000000, TicketStatsRollup1764204000000],
  services: itServices,
  resolvers: [ticketResolvers, assetResolvers, agentResolvers, ticketStatsResolvers],
  handlers: (services) => [
    employeeHiredHandler(services.tickets),
    employeeTerminatedHandler(services.tickets),
  ],
  jobs: (services, { db, log }) => {
    const breaches = new SlaBreachJob(db, services.tickets, services.agents, escalationPolicy, log);
    const autoClose = new TicketAutoCloseJob(db, config.TICKET_REOPEN_WINDOW_DAYS, log);
    return [
      {
        name: 'sla-breaches',
        everyMs: config.SLA_CHECK_EVERY_MS,
        run: async () => void (await breaches.run()),
      },
      {
        name: 'ticket-auto-close',
        everyMs: config.TICKET_AUTO_CLOSE_EVERY_MS,
        run: async () => void (await autoClose.run()),
      },
    ];
  },
};
