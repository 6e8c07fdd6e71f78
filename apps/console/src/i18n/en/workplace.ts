/**
 * The workplace cost report's texts, merged into the catalogue by catalogue.ts (SCREEN_TEXTS);
 * nl/workplace.ts must have exactly these keys.
 */
export const workplace = {
  'nav.workplaceCost': 'Workplace cost',

  'workplace.title': 'What remote work saves',
  'workplace.intro':
    'Office seats not needed for people who work remotely, minus the remote-work allowances paid on finalized payslips, for a year.',
  'workplace.notAllowed':
    'The workplace cost report is for hr, payroll, analysts and controllers; your role may not open it.',
  'workplace.year': 'Year',
  'workplace.seatCost': 'Office seat per month (EUR)',
  'workplace.show': 'Show',
  'workplace.theReport': 'the workplace cost report',
  'workplace.seatCostAvoided': 'Seats not needed',
  'workplace.allowancesPaid': 'Allowances paid',
  'workplace.netSaving': 'Net saving',
  'workplace.totals': 'Totals',
  'workplace.byDepartment': 'By department',
  'workplace.byPerson': 'By person',
  'workplace.department': 'Department',
  'workplace.person': 'Person',
  'workplace.remoteEmployees': 'Remote people',
  'workplace.monthsRemote': 'Months remote',
  'workplace.hidden': 'hidden',
  'workplace.hiddenNote':
    'Allowances are hidden for departments with fewer than three remote people, so no one person’s pay shows; the totals of allowances and net saving leave those departments out.',
  'workplace.perPersonOnly': 'Per person: hr and payroll only.',
  'workplace.nobodyRemote': 'Nobody worked remotely in this year.',
  'workplace.chart': 'Net saving per department',
} as const;
