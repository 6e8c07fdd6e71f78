import { parseEnv, z } from '@backoffice/kit';

/** catalog's own settings, parsed once. */
export const config = parseEnv(
  z.object({
    /** How long a reservation holds when reserveStock names no expiresAt. */
    RESERVATION_TTL_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(90 * 24 * 60)
      .default(24 * 60),
    /** A price change by more than this percentage (up or down) waits for a controller's approval. */
    PRICE_APPROVAL_PERCENT: z.coerce.number().min(0).max(1000).default(10),
    /** The currency unit costs are kept in: accounting's base currency. */
    COST_CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .default('EUR'),
    /** How often the expiry job gives back reservations past their expiresAt. */
    RESERVATION_EXPIRY_EVERY_MS: z.coerce.number().int().min(1_000).default(30_000),
  }),
);
