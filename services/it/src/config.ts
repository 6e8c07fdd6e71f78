import { parseEnv, z } from '@backoffice/kit';

/** it's own settings, parsed once. */
export const config = parseEnv(
  z.object({
    /** Days after resolution during which a requester or agent may reopen a ticket. */
    TICKET_REOPEN_WINDOW_DAYS: z.coerce.number().int().min(0).max(90).default(7),
    /** How often the SLA breach job looks for newly breached tickets. */
    SLA_CHECK_EVERY_MS: z.coerce.number().int().min(1_000).default(30_000),
    /** How often resolved tickets past their reopen window are closed. */
    TICKET_AUTO_CLOSE_EVERY_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .default(15 * 60_000),
    /**
     * What a breach does besides its event: `priority` raises the priority one level, `reassign`
     * hands the ticket to the lead, `none` only records and announces it.
     */
    SLA_ESCALATION: z.enum(['priority', 'reassign', 'none']).default('priority'),
    /** The lead breached tickets go to under `reassign`; without it, the first lead on the agent roster. */
    SLA_ESCALATION_LEAD_EMPLOYEE_ID: z.string().uuid().optional(),
  }),
);
