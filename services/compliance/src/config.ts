import { parseEnv, z } from '@backoffice/kit';

/** compliance's own settings, parsed once. */
export const config = parseEnv(
  z.object({
    /** Above this amount (base currency) an approval needs a second step by an admin. */
    SECOND_APPROVAL_THRESHOLD: z
      .string()
      .regex(/^\d{1,15}(\.\d{1,4})?$/, 'a decimal amount such as 100000')
      .default('100000'),
    /** Hours a pending approval waits before it expires. */
    APPROVAL_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 365)
      .default(72),
    /** How often the audit trail's latest sequence and hash are published as a checkpoint. */
    CHECKPOINT_EVERY_MS: z.coerce
      .number()
      .int()
      .min(1_000)
      .default(15 * 60_000),
    /** How long placeLegalHold and releaseLegalHold wait for documents to confirm, in ms. */
    LEGAL_HOLD_CONFIRM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    /** How often pending approvals past their deadline are expired. */
    APPROVAL_EXPIRY_EVERY_MS: z.coerce.number().int().min(1_000).default(60_000),
  }),
);
