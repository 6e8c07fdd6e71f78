/**
 * A payslip line as a Dutch payslip names it, by line code: the PDF payslip prints these, and the
 * console shows the same names (apps/console/src/i18n/nl/payroll.ts). An unknown code prints as itself.
 */
export const DUTCH_LINE_NAMES: Readonly<Record<string, string>> = {
  BASE_SALARY: 'Brutoloon',
  ALLOWANCE_REMOTE_WORK: 'Thuiswerkvergoeding (vast)',
  ALLOWANCE_TRAVEL: 'Reiskostenvergoeding (vast)',
  ALLOWANCE_OTHER: 'Vergoeding',
  HOLIDAY_ALLOWANCE: 'Vakantiegeld',
  HOLIDAY_ALLOWANCE_RESERVED: 'Reservering vakantiegeld',
  HOME_WORKING_ALLOWANCE: 'Thuiswerkvergoeding',
  COMMUTING_ALLOWANCE: 'Reiskostenvergoeding',
  PENSION_EMPLOYEE: 'Pensioenpremie',
  WAGE_WITHHOLDING: 'Loonheffing',
  WAGE_WITHHOLDING_SPECIAL_REWARD: 'Loonheffing bijzondere beloning',
  EMPLOYER_ZVW: 'Werkgeversheffing Zvw',
  EMPLOYER_AWF: 'Premie AWf (werkgever)',
  EMPLOYER_AOF: 'Premie Aof (werkgever)',
  EMPLOYER_WKO: 'Opslag Wko (werkgever)',
};

export const NET_NAME = 'Netto';

export const dutchLineName = (code: string): string => DUTCH_LINE_NAMES[code] ?? code;
