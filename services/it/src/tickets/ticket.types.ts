/**
 * The IT vocabulary shared by the workflow and checklist rules; priorities are the SLA's
 * (sla/sla.priority.ts). The values mirror the contract's enums (`TicketStatus`, `TicketCategory`) so
 * the resolvers can pass them through as is.
 */
export const TICKET_STATUSES = [
  'NEW',
  'TRIAGED',
  'IN_PROGRESS',
  'WAITING_ON_REQUESTER',
  'RESOLVED',
  'CLOSED',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Still named here for the migration that landed with it (1764202000000), which may not change. */
export type { Priority } from '../sla/sla.priority.js';

export const TICKET_CATEGORIES = [
  'HARDWARE',
  'SOFTWARE',
  'ACCESS',
  'NETWORK',
  'ONBOARDING',
  'OFFBOARDING',
  'OTHER',
] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** Statuses in which the desk still owes the requester something. */
export const OPEN_STATUSES: readonly TicketStatus[] = [
  'NEW',
  'TRIAGED',
  'IN_PROGRESS',
  'WAITING_ON_REQUESTER',
];

export function isTicketStatus(value: unknown): value is TicketStatus {
  return typeof value === 'string' && (TICKET_STATUSES as readonly string[]).includes(value);
}

export function isOpenStatus(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
