/**
 * The IT vocabulary shared by the workflow, SLA and checklist rules. The values mirror the contract's
 * enums (`TicketStatus`, `Priority`, `TicketCategory`) so the resolvers can pass them through as is.
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

/** P1 is the most urgent. The order matters: escalation moves one step towards the front. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

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

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}

export function isOpenStatus(status: TicketStatus): boolean {
  return OPEN_STATUSES.includes(status);
}
