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
  }),
);
