import type { CatalogueOf } from '../catalogue.js';
import type { holds as english } from '../en/holds.js';

/** De teksten van de juridische blokkades op het documentenscherm: dezelfde sleutels als en/holds.ts. */
export const holds: CatalogueOf<typeof english> = {
  'holds.title': 'Juridische blokkades',
  'holds.theHolds': 'de juridische blokkades',
  'holds.none': 'Geen juridische blokkades opgelegd.',
  'holds.count': {
    one: '{count} blokkade, {active} van kracht',
    other: '{count} blokkades, {active} van kracht',
  },
  'holds.document': 'Document',
  'holds.reason': 'Reden',
  'holds.placed': 'Opgelegd',
  'holds.placedBy': '{who} op {date}',
  'holds.status': 'Status',
  'holds.released': 'Opgeheven',
  'holds.place': 'Blokkade opleggen',
  'holds.placeOn': 'Juridische blokkade opleggen op {title}',
  'holds.reasonFor': 'Reden voor de blokkade van {title}',
  'holds.placeSubmit': 'Opleggen',
  'holds.cancel': 'Annuleren',
  'holds.release': 'Opheffen',
  'holds.releaseOf': 'De blokkade van {title} opheffen',
  'holds.releaseConfirm':
    'De juridische blokkade van {title} opheffen? Het document kan dan weer verwijderd worden.',
  'holds.releasedOk': 'Blokkade van {title} opgeheven.',
  'holds.gone': '(document bestaat niet meer)',
  'enum.LegalHoldStatus.PENDING': 'In afwachting',
  'enum.LegalHoldStatus.ACTIVE': 'Van kracht',
  'enum.LegalHoldStatus.REFUSED': 'Geweigerd',
  'enum.LegalHoldStatus.RELEASING': 'Wordt opgeheven',
  'enum.LegalHoldStatus.RELEASED': 'Opgeheven',
} as const;
