/** Inviting a person: their name and email address, checked, and an email with a sign-in link. */
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { requiredEmail } from '../../web/email-field.ts';
import { type FormBody, textField } from '../../web/form-route.ts';
import { issueSignInLink } from '../auth/sign-in.service.ts';
import { type AddOutcome, addOrInvite, type MembershipTarget } from './memberships.repository.ts';

export const INVITATION_DAYS = 7;

export interface InviteeState {
  name: string;
  email: string;
}

export const inviteeState = (body: FormBody): InviteeState => ({
  name: textField(body, 'name'),
  email: textField(body, 'email'),
});

/** The person invited: their full name and email address (kept in lower case). */
const inviteeFields = {
  name: z
    .string()
    .trim()
    .min(1, 'Enter their full name')
    .max(200, 'The name must be 200 characters or fewer'),
  email: requiredEmail('Enter their email address'),
};

/** Inviting a colleague: their name and email address. */
export const inviteeSchema = z.object(inviteeFields);

/** What was typed when the role is chosen too. */
export const inviteeRoleState = (body: FormBody) => ({
  ...inviteeState(body),
  role: textField(body, 'role'),
});

/** Inviting someone to one of `roles`: their name, email address and role. */
export const inviteeRoleSchema = <R extends string>(roles: readonly [R, ...R[]]) =>
  z.object({ ...inviteeFields, role: z.enum(roles, 'Select their role') });

export interface InvitationDeps {
  db: Db;
  clock: Clock;
  mailer: Mailer;
  baseUrl: string;
}

export interface InvitationMessage {
  partnershipId?: string;
  subject: string;
  why: string;
}

/**
 * Emails the person a single-use sign-in link that works for 7 days. With `accept`, they already
 * had an account: the email says the invitation takes effect once they accept it.
 */
export async function sendInvitation(
  deps: InvitationDeps,
  invitee: { userId: string; name: string; email: string },
  message: InvitationMessage & { accept?: boolean },
): Promise<void> {
  const link = await issueSignInLink(deps, invitee.userId, '/', INVITATION_DAYS * 24 * 60);
  await deps.mailer.send({
    priority: 'urgent',
    ...(message.partnershipId ? { partnershipId: message.partnershipId } : {}),
    to: invitee.email,
    subject: message.subject,
    text: [
      `Hello ${invitee.name},`,
      '',
      message.why,
      '',
      ...(message.accept
        ? [
            'You already have an account, so nothing changes until you accept: sign in and accept or decline the invitation on your home page.',
            '',
          ]
        : []),
      `Use this link to sign in. It works once and expires in ${INVITATION_DAYS} days:`,
      link,
      '',
      `After that, sign in at ${deps.baseUrl}/sign-in with this email address.`,
    ].join('\n'),
  });
}

/**
 * Gives the person the role and emails them: a new account can sign in at once; someone who already
 * had one is invited, and accepts or declines on their home page. Nothing is sent to a member.
 */
export async function invitePerson(
  deps: InvitationDeps,
  target: MembershipTarget,
  invitee: { name: string; email: string },
  invitedBy: string | null,
  message: InvitationMessage,
): Promise<AddOutcome> {
  const { userId, outcome } = await addOrInvite(deps.db, target, invitee, invitedBy, deps.clock.now());
  if (outcome !== 'already-member')
    await sendInvitation(deps, { userId, ...invitee }, { ...message, accept: outcome === 'invited' });
  return outcome;
}
