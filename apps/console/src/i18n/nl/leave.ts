import type { CatalogueOf } from '../catalogue.js';
import type { leave as english } from '../en/leave.js';

/** De teksten van het verlofscherm: dezelfde sleutels als en/leave.ts. */
export const leave: CatalogueOf<typeof english> = {
  'nav.leave': 'Verlof',

  'leave.title': 'Verlof',
  'leave.noEmployee':
    'Je aanmelding noemt geen medewerker, dus je hebt geen eigen verlof; meld je aan met je medewerker-id.',
  'leave.balance': 'Mijn saldo {year}',
  'leave.theBalance': 'je verlofsaldo',
  'leave.inDays': 'Vakantieverlof in dagen',
  'leave.entitled': 'Recht',
  'leave.taken': 'Opgenomen',
  'leave.planned': 'Gepland',
  'leave.pending': 'Aangevraagd',
  'leave.remaining': 'Resterend',
  'leave.overdrawn': 'Te veel opgenomen',
  'leave.buckets': 'Per soort, in uren',
  'leave.noBuckets': 'Geen soorten: het bedrijf heeft geen landregels voor verlof.',
  'leave.bucket': 'Soort',
  'leave.accrued': 'Jaar',
  'leave.used': 'Gebruikt',
  'leave.expired': 'Vervallen',
  'leave.expiresOn': 'Vervalt op',

  'leave.request': 'Verlof aanvragen',
  'leave.type': 'Soort verlof',
  'leave.startDate': 'Eerste dag',
  'leave.endDate': 'Laatste dag',
  'leave.halfDayStart': 'Alleen de middag van de eerste dag',
  'leave.halfDayEnd': 'Alleen de ochtend van de laatste dag',
  'leave.comment': 'Toelichting (optioneel)',
  'leave.submit': 'Aanvragen',
  'leave.requested': {
    one: 'Aangevraagd: {count} werkdag, wacht op je leidinggevende.',
    other: 'Aangevraagd: {count} werkdagen, wacht op je leidinggevende.',
  },

  'leave.mine': 'Mijn aanvragen',
  'leave.theRequests': 'je verlofaanvragen',
  'leave.noRequests': 'Je hebt geen verlofaanvragen.',
  'leave.who': 'Medewerker',
  'leave.dates': 'Data',
  'leave.days': 'Dagen',
  'leave.status': 'Status',
  'leave.decision': 'Besluit',
  'leave.decidedBy': '{who}: {comment}',

  'leave.toDecide': 'Aanvragen om te beslissen',
  'leave.theDecisions': 'de aanvragen om te beslissen',
  'leave.nothingToDecide': 'Er wachten geen aanvragen op jouw besluit.',
  'leave.ownRequest': 'Je eigen aanvraag: een andere beslisser beslist erover.',
  'leave.decisionComment': 'Toelichting bij de aanvraag van {name}',
  'leave.approve': 'Goedkeuren',
  'leave.refuse': 'Afwijzen',
  'leave.commentNeeded': 'Zeg in de toelichting waarom je afwijst.',
  'leave.decided': 'Besloten: {status}.',

  'enum.LeaveBucketKind.STATUTORY': 'Wettelijk',
  'enum.LeaveBucketKind.EXTRA': 'Bovenwettelijk',
};
