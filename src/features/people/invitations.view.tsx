import { escapeHtml } from '@kitajs/html';
/** On the home page: invitations waiting for the person's answer, and every role they hold. */
import type { AgencyRole, PartnershipRole } from '../../db/schema.ts';
import { formatDate } from '../../lib/dates.ts';
import type { CurrentUser } from '../auth/users.repository.ts';
import type { WaitingInvitation } from './memberships.repository.ts';

export const ROLE_NAMES: Record<PartnershipRole | AgencyRole, string> = {
  partnership_admin: 'Partnership admin',
  reviewer: 'Reviewer',
  agency_lead: 'Agency lead',
  contributor: 'Contributor',
};

function invitationText(i: WaitingInvitation): string {
  const where = i.agencyName
    ? `${i.agencyName}${i.partnershipName ? ` (added by ${i.partnershipName})` : ''}`
    : (i.partnershipName ?? '');
  const by = i.invitedByName ? `${i.invitedByName} invited you` : 'You were invited';
  return `${by} on ${formatDate(i.createdAt)} to be ${ROLE_NAMES[i.role].toLowerCase()} of ${where}.`;
}

export function WaitingInvitations(props: {
  invitations: WaitingInvitation[];
  csrfToken: string;
}): JSX.Element {
  if (props.invitations.length === 0) return '';
  return (
    <>
      <h2 class="govuk-heading-m">Invitations</h2>
      <p class="govuk-body">
        Nothing changes until you accept. If you do not know why you were invited, decline.
      </p>
      {props.invitations.map((i) => (
        <div class="govuk-inset-text">
          <p class="govuk-body" safe>
            {invitationText(i)}
          </p>
          <div class="govuk-button-group">
            <form method="post" action={`/invitations/${i.id}/accept`} class="app-inline-form">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <button type="submit" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button">
                Accept
                <span
                  class="govuk-visually-hidden"
                  safe
                >{` the invitation to ${i.agencyName ?? i.partnershipName ?? ''}`}</span>
              </button>
            </form>
            <form method="post" action={`/invitations/${i.id}/decline`} class="app-inline-form">
              <input type="hidden" name="_csrf" value={props.csrfToken} />
              <button
                type="submit"
                class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                data-module="govuk-button"
              >
                Decline
                <span
                  class="govuk-visually-hidden"
                  safe
                >{` the invitation to ${i.agencyName ?? i.partnershipName ?? ''}`}</span>
              </button>
            </form>
          </div>
        </div>
      ))}
    </>
  );
}

/** Every partnership and agency the person has a role in. */
export function YourRoles(props: { user: CurrentUser }): JSX.Element {
  const { user } = props;
  if (user.partnerships.length + user.agencies.length === 0) return '';
  return (
    <>
      <h2 class="govuk-heading-m">Your roles</h2>
      <ul class="govuk-list govuk-list--bullet" id="your-roles">
        {user.partnerships.map((p) => (
          <li safe>{`${ROLE_NAMES[p.role]}, ${p.partnershipName}`}</li>
        ))}
        {user.agencies.map((a) => (
          <li>
            {escapeHtml(`${ROLE_NAMES[a.role]}, `)}
            <a class="govuk-link" href="/returns" safe>
              {a.agencyName}
            </a>
            {a.role === 'agency_lead' ? (
              <>
                {' – '}
                <a class="govuk-link" href={`/agencies/${a.agencyId}/colleagues`}>
                  colleagues<span class="govuk-visually-hidden" safe>{` of ${a.agencyName}`}</span>
                </a>
              </>
            ) : (
              ''
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
