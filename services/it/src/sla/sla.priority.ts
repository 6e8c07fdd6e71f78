/**
 * Ticket priorities, P1 the most urgent: what SLA targets are set per, and the order escalation moves
 * along (one step towards the front). The values mirror the contract's `Priority` enum.
 */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}
