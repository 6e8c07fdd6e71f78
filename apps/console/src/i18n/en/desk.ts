/**
 * The service desk's texts for reassignment, SLA breaches and the weekly trend, merged into the
 * catalogue by catalogue.ts (SCREEN_TEXTS); nl/desk.ts must have exactly these keys.
 */
export const desk = {
  'assign.title': 'Assignee',
  'assign.nobody': 'Not assigned',
  'assign.current': 'Assigned to {name}',
  'assign.to': 'Assign to',
  'assign.unassign': '— nobody —',
  'assign.submit': 'Assign',
  'assign.theAgents': 'the agents',
  'assign.noAgents': 'No agents on the roster to assign to.',
  'assign.agentsOnly': 'Only service-desk agents reassign tickets.',
  'assign.lead': '{name} (lead)',

  'breaches.title': 'SLA breaches',
  'breaches.theBreaches': 'the SLA breaches',
  'breaches.none': 'No ticket has breached its SLA.',
  'breaches.count': { one: '{count} ticket breached its SLA', other: '{count} tickets breached their SLA' },
  'breaches.due': 'Resolution due',
  'breaches.assignee': 'Assignee',
  'breaches.status': 'Status',

  'trend.title': 'Trend per week',
  'trend.chart': 'Tickets opened, resolved and breached per week (last {weeks} weeks)',
  'trend.week': 'Week',
  'trend.weekOf': 'week of {date}',
  'trend.opened': 'Opened',
  'trend.resolved': 'Resolved',
  'trend.breached': 'Breached',
  'trend.theTrend': 'the ticket history',
  'trend.partial': 'Counted from the {count} most recent tickets only.',
} as const;
