/**
 * The legal holds' texts on the documents screen, merged into the catalogue by catalogue.ts
 * (SCREEN_TEXTS); nl/holds.ts must have exactly these keys.
 */
export const holds = {
  'holds.title': 'Legal holds',
  'holds.theHolds': 'the legal holds',
  'holds.none': 'No legal holds placed.',
  'holds.count': { one: '{count} hold, {active} in force', other: '{count} holds, {active} in force' },
  'holds.document': 'Document',
  'holds.reason': 'Reason',
  'holds.placed': 'Placed',
  'holds.placedBy': '{who} on {date}',
  'holds.status': 'Status',
  'holds.released': 'Released',
  'holds.place': 'Place legal hold',
  'holds.placeOn': 'Place a legal hold on {title}',
  'holds.reasonFor': 'Reason for holding {title}',
  'holds.placeSubmit': 'Place hold',
  'holds.cancel': 'Cancel',
  'holds.release': 'Release',
  'holds.releaseOf': 'Release the hold on {title}',
  'holds.releaseConfirm': 'Release the legal hold on {title}? It can then be deleted again.',
  'holds.releasedOk': 'Legal hold on {title} released.',
  'holds.gone': '(document no longer there)',
  'enum.LegalHoldStatus.PENDING': 'Pending',
  'enum.LegalHoldStatus.ACTIVE': 'In force',
  'enum.LegalHoldStatus.REFUSED': 'Refused',
  'enum.LegalHoldStatus.RELEASING': 'Releasing',
  'enum.LegalHoldStatus.RELEASED': 'Released',
} as const;
