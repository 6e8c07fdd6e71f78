import type { CatalogueOf } from '../catalogue.js';
import type { workplace as english } from '../en/workplace.js';

/** De teksten van het werkplekkostenrapport: dezelfde sleutels als en/workplace.ts. */
export const workplace: CatalogueOf<typeof english> = {
  'nav.workplaceCost': 'Werkplekkosten',

  'workplace.title': 'Wat thuiswerken oplevert',
  'workplace.intro':
    'Kantoorplekken die niet nodig zijn voor wie thuiswerkt, min de thuiswerkvergoedingen op definitieve loonstroken, over een jaar.',
  'workplace.notAllowed':
    'Het werkplekkostenrapport is voor hr, salarisadministratie, analisten en controllers; uw rol mag het niet openen.',
  'workplace.year': 'Jaar',
  'workplace.seatCost': 'Kantoorplek per maand (EUR)',
  'workplace.show': 'Tonen',
  'workplace.theReport': 'het werkplekkostenrapport',
  'workplace.seatCostAvoided': 'Bespaarde plekken',
  'workplace.allowancesPaid': 'Betaalde vergoedingen',
  'workplace.netSaving': 'Netto besparing',
  'workplace.totals': 'Totaal',
  'workplace.byDepartment': 'Per afdeling',
  'workplace.byPerson': 'Per persoon',
  'workplace.department': 'Afdeling',
  'workplace.person': 'Persoon',
  'workplace.remoteEmployees': 'Thuiswerkers',
  'workplace.monthsRemote': 'Maanden thuis',
  'workplace.hidden': 'verborgen',
  'workplace.hiddenNote':
    'Vergoedingen zijn verborgen bij afdelingen met minder dan drie thuiswerkers, zodat niemands loon zichtbaar wordt; de totalen van vergoedingen en besparing laten die afdelingen weg.',
  'workplace.perPersonOnly': 'Per persoon: alleen hr en salarisadministratie.',
  'workplace.nobodyRemote': 'Niemand werkte dit jaar thuis.',
  'workplace.chart': 'Netto besparing per afdeling',
};
