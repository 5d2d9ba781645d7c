/** The personal data forms: the retention period and the subject access request. */
import { z } from 'zod';
import { errorsFromZod, type FormErrors } from '../../views/form-errors.ts';
import { MAX_RETENTION_YEARS, MIN_RETENTION_YEARS } from './retention.ts';

const retentionSchema = z.object({
  retentionYears: z
    .string()
    .trim()
    .min(1, 'Enter the retention period in years')
    .regex(/^\d+$/, 'The retention period must be a whole number of years, like 6')
    .transform(Number)
    .refine((n) => n >= MIN_RETENTION_YEARS && n <= MAX_RETENTION_YEARS, {
      message: `The retention period must be between ${MIN_RETENTION_YEARS} and ${MAX_RETENTION_YEARS} years`,
    }),
});

export function parseRetention(body: unknown): { years: number } | { errors: FormErrors; value: string } {
  const raw = (body ?? {}) as Record<string, unknown>;
  const value = typeof raw.retentionYears === 'string' ? raw.retentionYears : '';
  const parsed = retentionSchema.safeParse({ retentionYears: value });
  return parsed.success
    ? { years: parsed.data.retentionYears }
    : { errors: errorsFromZod(parsed.error), value };
}

const subjectAccessSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter the email address of the person asking')
    .max(254, 'Enter an email address in the correct format, like name@example.org')
    .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
});

export function parseSubjectAccess(body: unknown): { email: string } | { errors: FormErrors; value: string } {
  const raw = (body ?? {}) as Record<string, unknown>;
  const value = typeof raw.email === 'string' ? raw.email : '';
  const parsed = subjectAccessSchema.safeParse({ email: value });
  return parsed.success
    ? { email: parsed.data.email.toLowerCase() }
    : { errors: errorsFromZod(parsed.error), value };
}
