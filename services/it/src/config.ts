import { parseEnv, z } from '@backoffice/kit';

/** it's own settings, parsed once. */
export const config = parseEnv(
  z.object({
    /** Days after resolution during which a requester or agent may reopen a ticket. */
    TICKET_REOPEN_WINDOW_DAYS: z.coerce.number().int().min(0).max(90).default(7),
  }),
);
