import type { ServiceDeps } from '@backoffice/kit';
import { AssetService } from './assets/asset.service.js';
import { config } from './config.js';
import { TicketService } from './tickets/ticket.service.js';

export interface ItServices {
  tickets: TicketService;
  assets: AssetService;
}

export function itServices({ db }: ServiceDeps): ItServices {
  return { tickets: new TicketService(db, config.TICKET_REOPEN_WINDOW_DAYS), assets: new AssetService(db) };
}
