/**
 * The service desk's weekly trend, counted in the console from the tickets themselves (the graph's
 * ticketStats has no time dimension). Pure code: the tests load it in Node.
 */
export const DAY = 86_400_000;

/** What the counting needs of a ticket. */
export interface TrendTicket {
  createdAt: string;
  resolvedAt?: string | null;
  sla: { resolutionBreached: boolean; resolutionDueAt: string };
}

/** The Monday (UTC) of the week a time falls in, as YYYY-MM-DD. */
export function weekOf(time: string | Date): string {
  const d = new Date(time);
  const monday =
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY;
  return new Date(monday).toISOString().slice(0, 10);
}

/** Per week: opened (created), resolved, and breached (counted in the week its resolution was due, whether resolved late or not yet). */
export function weeklyCounts(tickets: TrendTicket[], weeks: string[]): { week: string; values: number[] }[] {
  const counts = new Map(weeks.map((w) => [w, [0, 0, 0]]));
  for (const ticket of tickets) {
    const opened = counts.get(weekOf(ticket.createdAt));
    if (opened) opened[0]++;
    const resolved = ticket.resolvedAt ? counts.get(weekOf(ticket.resolvedAt)) : undefined;
    if (resolved) resolved[1]++;
    const breached = ticket.sla.resolutionBreached
      ? counts.get(weekOf(ticket.sla.resolutionDueAt))
      : undefined;
    if (breached) breached[2]++;
  }
  return weeks.map((w) => ({ week: w, values: counts.get(w) ?? [0, 0, 0] }));
}

/** The Mondays of the last `count` weeks, oldest first, this week last. */
export function lastWeeks(count: number, now: Date = new Date()): string[] {
  const thisWeek = new Date(`${weekOf(now)}T00:00:00Z`).getTime();
  return Array.from({ length: count }, (_, i) =>
    new Date(thisWeek - (count - 1 - i) * 7 * DAY).toISOString().slice(0, 10),
  );
}
