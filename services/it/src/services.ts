import type { ServiceDeps } from '@backoffice/kit';
import { AgentService } from './agents/agent.service.js';
import { AssetService } from './assets/asset.service.js';
import { config } from './config.js';
import { TicketStatsService } from './reports/ticket-stats.service.js';
import { TicketWatcherService } from './tickets/ticket-watchers.service.js';
import { TicketQueries } from './tickets/ticket.queries.js';
import { TicketService } from './tickets/ticket.service.js';

export interface ItServices {
  tickets: TicketService;
  ticketQueries: TicketQueries;
  watchers: TicketWatcherService;
  agents: AgentService;
  assets: AssetService;
  stats: TicketStatsService;
}

export function itServices({ db }: ServiceDeps): ItServices {
  return {
    tickets: new TicketService(db, config.TICKET_REOPEN_WINDOW_DAYS),
    ticketQueries: new TicketQueries(db, config.TICKET_REOPEN_WINDOW_DAYS),
    watchers: new TicketWatcherService(db),
    agents: new AgentService(db),
    assets: new AssetService(db),
    stats: new TicketStatsService(db),
  };
}
