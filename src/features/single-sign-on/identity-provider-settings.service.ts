/**
 * Saving an organisation's OpenID Connect provider (a partnership's, or the platform's when
 * `partnershipId` is null): what only the server can check, then the save, its secret encrypted.
 */
import type { Db } from '../../db/client.ts';
import { type FormErrors, oneError } from '../../views/form-errors.ts';
import { isUniqueViolation } from '../partnerships/partnerships.repository.ts';
import { encryptClientSecret, secretHint } from './client-secret.ts';
import type { ProviderFormValues } from './identity-provider-form.ts';
import { domainsCoveredElsewhere, saveProvider } from './identity-providers.repository.ts';
import { issuerAnswers } from './oidc-sign-in.service.ts';

export interface ProviderSettingsDeps {
  db: Db;
  /** The key the client secret is encrypted with. */
  sessionSecret: string;
  /** Outside production, an issuer may be plain http (a local test provider). */
  allowHttp: boolean;
}

/** What only the server can check: the domains free, and the issuer answering (in the form's order). */
async function checkedElsewhere(
  deps: ProviderSettingsDeps,
  partnershipId: string | null,
  values: ProviderFormValues,
): Promise<FormErrors | null> {
  const problems: Array<{ field: string; text: string }> = [];
  if (!(await issuerAnswers(values.issuer, deps.allowHttp)))
    problems.push({
      field: 'issuer',
      text: 'We could not read the provider’s OpenID Connect discovery document at this issuer URL. Check it is the issuer URL in full.',
    });
  const taken = await domainsCoveredElsewhere(deps.db, partnershipId, values.domains);
  if (taken.length > 0)
    problems.push({
      field: 'domains',
      text: `Another organisation’s provider already covers ${taken.join(', ')}`,
    });
  if (problems.length === 0) return null;
  return {
    list: problems.map((p) => ({ text: p.text, href: `#${p.field}` })),
    byField: Object.fromEntries(problems.map((p) => [p.field, p.text])),
  };
}

/** Saves the provider; gives the errors to show instead when it cannot be saved (null: saved). */
export async function saveProviderSettings(
  deps: ProviderSettingsDeps,
  partnershipId: string | null,
  values: ProviderFormValues,
  userId: string,
  now: Date,
): Promise<FormErrors | null> {
  const problems = await checkedElsewhere(deps, partnershipId, values);
  if (problems) return problems;
  try {
    await saveProvider(
      deps.db,
      partnershipId,
      {
        issuer: values.issuer,
        clientId: values.clientId,
        secret: values.clientSecret
          ? {
              encrypted: encryptClientSecret(deps.sessionSecret, values.clientSecret),
              hint: secretHint(values.clientSecret),
            }
          : null,
        domains: values.domains,
      },
      userId,
      now,
    );
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return oneError('domains', 'Another organisation’s provider has just been given one of these domains');
  }
  return null;
}
