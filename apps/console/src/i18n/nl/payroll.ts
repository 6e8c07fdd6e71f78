import type { CatalogueOf } from '../catalogue.js';
import type { payroll as english } from '../en/payroll.js';

/** De teksten van het salarisscherm: dezelfde sleutels als en/payroll.ts. */
export const payroll: CatalogueOf<typeof english> = {
  'nav.payroll': 'Salaris',

  'payroll.title': 'Salarisruns',
  'payroll.notAllowed':
    'Salarisruns zijn voor salarisadministratie, hr en beheerders; jouw rol mag ze niet openen.',
  'payroll.runs': 'Runs',
  'payroll.theRuns': 'de salarisruns',
  'payroll.noRuns': 'Nog geen salarisruns: maak de eerste aan voor een maand.',
  'payroll.count': { one: '{count} run', other: '{count} runs' },
  'payroll.period': 'Periode',
  'payroll.status': 'Status',
  'payroll.gross': 'Bruto',
  'payroll.allowances': 'Vergoedingen',
  'payroll.deductions': 'Inhoudingen',
  'payroll.net': 'Netto',
  'payroll.total': 'Totaal',
  'payroll.create': 'Nieuwe run',
  'payroll.month': 'Maand',
  'payroll.createSubmit': 'Run aanmaken',

  'payroll.run': 'Salaris {period}',
  'payroll.theRun': 'de salarisrun',
  'payroll.notFound': 'Salarisrun niet gevonden',
  'payroll.noSuch': 'Er is geen salarisrun met dit id.',
  'payroll.allRuns': 'Alle salarisruns',
  'payroll.steps': 'Stappen',
  'payroll.calculate': 'Berekenen',
  'payroll.recalculate': 'Opnieuw berekenen',
  'payroll.finalize': 'Definitief maken',
  'payroll.calculatedBy': 'Berekend door {who} op {date}.',
  'payroll.finalizedBy': 'Definitief gemaakt door {who} op {date}; de run verandert niet meer.',
  'payroll.notCalculated': 'Nog niet berekend: bereken de run om de loonstroken te maken.',
  'payroll.fourEyes':
    'Vier ogen: wie een run berekende of er salarisgegevens in wijzigde, kan hem niet definitief maken; dat doet een tweede persoon van salarisadministratie.',
  'payroll.fourEyesYou':
    'Jij hebt deze run berekend of er salarisgegevens in gewijzigd, dus een tweede persoon van salarisadministratie moet hem definitief maken.',

  'payroll.payslips': 'Loonstroken',
  'payroll.noPayslips':
    'Geen loonstroken: niemand was in deze periode in dienst, of de run is nog niet berekend.',
  'payroll.employee': 'Medewerker',
  'payroll.daysPaid': 'Betaalde dagen',
  'payroll.daysOf': '{paid} van {days}',
  'payroll.showLines': 'Regels',
  'payroll.linesOf': 'Loonstrook van {name}',
  'payroll.code': 'Code',
  'payroll.description': 'Omschrijving',
  'payroll.amount': 'Bedrag',
  'payroll.taxable': 'Belast',
  'payroll.yes': 'ja',
  'payroll.no': 'nee',
  'payroll.informational': 'ter informatie, niet uitbetaald',
  'payroll.netPaid': 'Netto uitbetaald',

  'payroll.booking': 'Boeking in de financiële administratie',
  'payroll.theBooking': 'de boeking',
  'payroll.bookingAfterFinalize': 'De financiële administratie boekt de run zodra hij definitief is.',
  'payroll.bookingWaiting': 'De run is nog niet geboekt; dit werkt zichzelf bij.',
  'payroll.bookingEntry': 'Journaalpost {number} van {date}, {total}: {status}',
  'payroll.bookingUnnumbered': 'Journaalpost van {date}, {total}, genummerd zodra hij geboekt is: {status}',
  'payroll.bookingAccountingOnly': 'De boeking',

  'pager.previous': 'Vorige pagina',
  'pager.next': 'Volgende pagina',
  'pager.pageOf': 'Pagina {page} van {pages}',

  'enum.PayrollRunStatus.DRAFT': 'Concept',
  'enum.PayrollRunStatus.CALCULATED': 'Berekend',
  'enum.PayrollRunStatus.FINALIZED': 'Definitief',
};
