import type { CatalogueOf } from '../catalogue.js';
import type { desk as english } from '../en/desk.js';

/** De servicedeskteksten voor toewijzen, SLA-overschrijdingen en de trend: dezelfde sleutels als en/desk.ts. */
export const desk: CatalogueOf<typeof english> = {
  'assign.title': 'Behandelaar',
  'assign.nobody': 'Niet toegewezen',
  'assign.current': 'Toegewezen aan {name}',
  'assign.to': 'Toewijzen aan',
  'assign.unassign': '— niemand —',
  'assign.submit': 'Toewijzen',
  'assign.theAgents': 'de medewerkers van de servicedesk',
  'assign.noAgents': 'Geen servicedeskmedewerkers om aan toe te wijzen.',
  'assign.agentsOnly': 'Alleen servicedeskmedewerkers wijzen tickets opnieuw toe.',
  'assign.lead': '{name} (teamleider)',

  'breaches.title': 'SLA-overschrijdingen',
  'breaches.theBreaches': 'de SLA-overschrijdingen',
  'breaches.none': 'Geen ticket heeft de SLA overschreden.',
  'breaches.count': { one: '{count} ticket over de SLA', other: '{count} tickets over de SLA' },
  'breaches.due': 'Oplossen vóór',
  'breaches.assignee': 'Behandelaar',
  'breaches.status': 'Status',

  'trend.title': 'Trend per week',
  'trend.chart': 'Tickets geopend, opgelost en over de SLA per week (laatste {weeks} weken)',
  'trend.week': 'Week',
  'trend.weekOf': 'week van {date}',
  'trend.opened': 'Geopend',
  'trend.resolved': 'Opgelost',
  'trend.breached': 'Over de SLA',
  'trend.theTrend': 'de tickethistorie',
  'trend.partial': 'Geteld over alleen de {count} meest recente tickets.',
} as const;
