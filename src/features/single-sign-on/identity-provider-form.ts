/** The form that sets an identity provider: one zod schema, every field's errors at once. */
import { z } from 'zod';
import type { FormErrors } from '../../views/form-errors.ts';
import { type FormBody, textField, validate } from '../../web/form-route.ts';

export interface ProviderFormState {
  issuer: string;
  clientId: string;
  domains: string;
}

export interface ProviderFormValues {
  issuer: string;
  clientId: string;
  /** Empty: keep the secret already stored. */
  clientSecret: string;
  domains: string[];
}

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
export const MAX_DOMAINS = 50;

export const providerFormState = (body: FormBody): ProviderFormState => ({
  issuer: textField(body, 'issuer'),
  clientId: textField(body, 'clientId'),
  domains: textField(body, 'domains'),
});

/** The domains typed, one a line or separated by commas or spaces, lower case, without any @. */
export function splitDomains(typed: string): string[] {
  const all = typed
    .split(/[\s,;]+/)
    .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
    .filter((d) => d !== '');
  return [...new Set(all)];
}

/** The provider form's one schema (the secret may be left blank once one is stored). */
export function providerSchema(options: { allowHttp: boolean; secretRequired: boolean }) {
  return z.object({
    issuer: z
      .string()
      .trim()
      .min(1, 'Enter the issuer URL')
      .max(500, 'The issuer URL must be 500 characters or fewer')
      .superRefine((value, ctx) => {
        if (value === '') return;
        let url: URL;
        try {
          url = new URL(value);
        } catch {
          ctx.addIssue({
            code: 'custom',
            message:
              'Enter the issuer URL in full, like https://login.microsoftonline.com/your-tenant-id/v2.0',
          });
          return;
        }
        if (url.protocol !== 'https:' && !(options.allowHttp && url.protocol === 'http:'))
          ctx.addIssue({ code: 'custom', message: 'The issuer URL must start with https://' });
        else if (url.search || url.hash || url.username || url.password)
          ctx.addIssue({
            code: 'custom',
            message: 'The issuer URL must not have a query, fragment or user name',
          });
      }),
    clientId: z
      .string()
      .trim()
      .min(1, 'Enter the client ID')
      .max(255, 'The client ID must be 255 characters or fewer'),
    clientSecret: z
      .string()
      .trim()
      .max(1000, 'The client secret must be 1,000 characters or fewer')
      .refine((v) => !options.secretRequired || v !== '', 'Enter the client secret'),
    domains: z
      .string()
      .transform(splitDomains)
      .superRefine((domains, ctx) => {
        if (domains.length === 0)
          ctx.addIssue({ code: 'custom', message: 'Enter at least one email domain' });
        else if (domains.length > MAX_DOMAINS)
          ctx.addIssue({ code: 'custom', message: `Enter at most ${MAX_DOMAINS} email domains` });
        else {
          const wrong = domains.find((d) => !DOMAIN.test(d));
          if (wrong)
            ctx.addIssue({
              code: 'custom',
              message: `“${wrong.slice(0, 60)}” is not an email domain: enter domains like council.gov.uk`,
            });
        }
      }),
  });
}

/** What was posted: the fields shown again, and the secret (checked, never shown again). */
export interface ProviderPostState extends ProviderFormState {
  clientSecret: string;
}

export const providerPostState = (body: FormBody): ProviderPostState => ({
  ...providerFormState(body),
  clientSecret: textField(body, 'clientSecret'),
});

export function parseProviderForm(
  body: FormBody,
  options: { allowHttp: boolean; secretRequired: boolean },
): { values: ProviderFormValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const checked = validate(providerSchema(options), providerPostState(body));
  return checked.ok ? { values: checked.values } : { errors: checked.errors };
}
