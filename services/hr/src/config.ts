import { fileURLToPath } from 'node:url';
import { parseEnv, z } from '@backoffice/kit';

/** hr's own settings, parsed once. */
export const config = parseEnv(
  z.object({
    COUNTRY: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'an ISO 3166 alpha-2 code such as NL')
      .default('NL')
      .transform((c) => c.toUpperCase()),
    /** The wage withholding bracket table (data, not code); the sample ships with the project. */
    WITHHOLDING_TABLE_PATH: z
      .string()
      .default(fileURLToPath(new URL('./payroll/withholding-brackets.sample.json', import.meta.url))),
    PENSION_EMPLOYEE_RATE: z
      .string()
      .regex(/^0(\.\d+)?$|^1(\.0+)?$/, 'a share such as 0.05')
      .default('0.05'),
    ANNUAL_LEAVE_DAYS: z.coerce.number().min(0).max(365).default(25),
    /** Where the country rule packs (xx.json) are; the NL pack ships with the project. */
    RULE_PACKS_DIR: z.string().default(fileURLToPath(new URL('./rule-packs/', import.meta.url))),
    /** Holiday allowance as a share of gross when the company pays more than the country's minimum. */
    HOLIDAY_ALLOWANCE_RATE: z
      .string()
      .regex(/^0(\.\d+)?$/, 'a share such as 0.08')
      .optional(),
    /** The month (1-12) the reserved holiday allowance is paid out. */
    HOLIDAY_ALLOWANCE_MONTH: z.coerce.number().int().min(1).max(12).default(5),
    /** What the company pays per home-working day / commuting km; above the tax-free amount is taxable. */
    HOME_WORKING_DAILY_RATE: z
      .string()
      .regex(/^\d{1,4}(\.\d{1,4})?$/, 'an amount such as 3.00')
      .optional(),
    /**
     * Four eyes on payroll: whoever calculated a run or changed pay data in it does not finalize it. On
     * unless switched off explicitly with "false" (a company with one payroll person); anything else fails.
     */
    PAYROLL_FOUR_EYES: z
      .enum(['true', 'false'], { message: 'PAYROLL_FOUR_EYES is "true" (default) or "false"' })
      .default('true')
      .transform((v) => v === 'true'),
    /** NL employee insurance premiums: AWf LOW (written permanent contracts) or HIGH; Aof LOW (small employer) or HIGH. */
    NL_AWF_PREMIUM: z.enum(['LOW', 'HIGH']).default('LOW'),
    NL_AOF_PREMIUM: z.enum(['LOW', 'HIGH']).default('LOW'),
    COMMUTING_KM_RATE: z
      .string()
      .regex(/^\d{1,2}(\.\d{1,4})?$/, 'an amount such as 0.23')
      .optional(),
  }),
);
