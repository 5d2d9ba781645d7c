/** Appointing an agency's people from the partnership: its leads and contributors, and their emails. */
import type { AgencyRole } from '../../db/schema.ts';
import { possessive } from '../../lib/words.ts';
import { type InvitationDeps, invitePerson, sendInvitation } from './invitation.ts';
import type { AddOutcome, AgencyPerson } from './memberships.repository.ts';

function message(partnership: { id: string; name: string }, agency: { name: string }, role: AgencyRole) {
  return {
    partnershipId: partnership.id,
    subject: `You have been invited to complete ${possessive(agency.name)} Section 11 return`,
    why:
      role === 'agency_lead'
        ? `${partnership.name} has invited you to be the agency lead of ${agency.name} on Section 11 Audit: you complete its safeguarding self-assessment, invite colleagues to help and submit it.`
        : `${partnership.name} has invited you to help complete ${possessive(agency.name)} safeguarding self-assessment on Section 11 Audit.`,
  };
}

/** Gives the person the role in the agency (or invites them, if they had an account) and emails them. */
export async function appointAgencyPerson(
  deps: InvitationDeps,
  partnership: { id: string; name: string },
  agency: { id: string; name: string },
  invitee: { name: string; email: string },
  role: AgencyRole,
  invitedBy: string | null,
): Promise<AddOutcome> {
  return invitePerson(
    deps,
    { kind: 'agency', agencyId: agency.id, role, partnershipId: partnership.id },
    invitee,
    invitedBy,
    message(partnership, agency, role),
  );
}

/**
 * The lead contact of an agency just added becomes its first lead. Their account (when new) is
 * named after the address until they give their name on the return.
 */
export async function inviteLeadContact(
  deps: InvitationDeps,
  partnership: { id: string; name: string },
  agency: { id: string; name: string; leadContactEmail: string | null },
  invitedBy: string,
): Promise<AddOutcome | null> {
  if (!agency.leadContactEmail) return null;
  return appointAgencyPerson(
    deps,
    partnership,
    agency,
    { name: agency.leadContactEmail, email: agency.leadContactEmail },
    'agency_lead',
    invitedBy,
  );
}

/** Emails the person again: a new 7-day sign-in link (and, if still waiting, what to accept). */
export async function reinviteAgencyPerson(
  deps: InvitationDeps,
  partnership: { id: string; name: string },
  agency: { id: string; name: string },
  person: AgencyPerson,
): Promise<void> {
  await sendInvitation(
    deps,
    { userId: person.userId, name: person.name, email: person.email },
    { ...message(partnership, agency, person.role), accept: person.pending },
  );
}
