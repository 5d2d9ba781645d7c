/** An email address field in a form's zod schema: trimmed, checked by its format, kept in lower case. */
import { z } from 'zod';

export const EMAIL_FORMAT = 'Enter an email address in the correct format, like name@example.org';

const email = z.email();

/** An address that may be left blank (null then); a typed one must be an email address. */
export const optionalEmail = (message: string = EMAIL_FORMAT) =>
  z
    .string()
    .trim()
    .refine((v) => v === '' || (v.length <= 254 && email.safeParse(v).success), message)
    .transform((v) => (v === '' ? null : v.toLowerCase()));

/** An address that must be given (`missing` when blank), of at most 254 characters. */
export const requiredEmail = (missing: string, message: string = EMAIL_FORMAT) =>
  z
    .string()
    .trim()
    .min(1, missing)
    .refine((v) => v.length <= 254 && email.safeParse(v).success, message)
    .transform((v) => v.toLowerCase());
