/** The enquiry and reply forms: what was typed, and its validation. */
import { z } from 'zod';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import type { AgencyPartnership } from '../partnerships/agency-partnerships.ts';
import type { ReturnOption } from './enquiries.repository.ts';

export const SUBJECT_MAX = 150;
export const MESSAGE_MAX = 5000;

export interface EnquiryFormState {
  recipient: string;
  returnId: string;
  subject: string;
  message: string;
}

const text = (body: Record<string, unknown>, key: string) =>
  typeof body[key] === 'string' ? (body[key] as string) : '';

export function enquiryFormState(body: Record<string, unknown>): EnquiryFormState {
  return {
    recipient: text(body, 'recipient'),
    returnId: text(body, 'returnId'),
    subject: text(body, 'subject'),
    message: text(body, 'message'),
  };
}

/** The value of a recipient choice: the agency writing and the partnership it writes to. */
export const recipientValue = (r: { agencyId: string; partnershipId: string }) =>
  `${r.agencyId}:${r.partnershipId}`;

export interface EnquiryValues {
  recipient: AgencyPartnership;
  returnId: string | null;
  subject: string;
  message: string;
}

/** Line endings as stored, and no leading or trailing blank space. */
const normaliseMessage = (value: string) => value.replace(/\r\n?/g, '\n').trim();

function checkMessage(errors: FormErrorBuilder, value: string, field = 'message'): string {
  const message = normaliseMessage(value);
  if (!message) errors.add(field, 'Enter your message');
  else if (message.length > MESSAGE_MAX)
    errors.add(field, `Your message must be ${MESSAGE_MAX.toLocaleString('en-GB')} characters or fewer`);
  return message;
}

export function parseEnquiryForm(
  state: EnquiryFormState,
  recipients: AgencyPartnership[],
  returns: ReturnOption[],
): { values: EnquiryValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const recipient =
    recipients.length === 1 ? recipients[0] : recipients.find((r) => recipientValue(r) === state.recipient);
  if (!recipient) errors.add('recipient', 'Select the partnership your enquiry is for', 'recipient');
  let returnId: string | null = null;
  if (state.returnId) {
    const chosen = returns.find((r) => r.id === state.returnId);
    if (!chosen) errors.add('returnId', 'Select a return from the list');
    else if (
      recipient &&
      (chosen.agencyId !== recipient.agencyId || chosen.partnershipId !== recipient.partnershipId)
    )
      errors.add('returnId', 'Select a return for the partnership you chose, or none');
    else returnId = chosen.id;
  }
  // One line: a subject never carries line breaks into emails or pages.
  const subject = state.subject.replace(/\s+/g, ' ').trim();
  if (!subject) errors.add('subject', 'Enter a subject');
  else if (subject.length > SUBJECT_MAX)
    errors.add('subject', `The subject must be ${SUBJECT_MAX} characters or fewer`);
  const message = checkMessage(errors, state.message);
  if (errors.hasErrors || !recipient) return { errors: errors.build() };
  return { values: { recipient, returnId, subject, message } };
}

export function parseReply(body: Record<string, unknown>): { message: string; errors?: FormErrors } {
  const errors = new FormErrorBuilder();
  const raw = text(body, 'message');
  const message = checkMessage(errors, raw);
  return errors.hasErrors ? { message: raw, errors: errors.build() } : { message };
}

/** The public enquiry form, for people not signed in. */
export interface PublicEnquiryFormState {
  name: string;
  email: string;
  organisation: string;
  message: string;
}

export const NAME_MAX = 200;

export function publicEnquiryFormState(body: Record<string, unknown>): PublicEnquiryFormState {
  return {
    name: text(body, 'name'),
    email: text(body, 'email'),
    organisation: text(body, 'organisation'),
    message: text(body, 'message'),
  };
}

export interface PublicEnquiryValues {
  name: string;
  /** Lower-cased. */
  email: string;
  organisation: string;
  message: string;
}

const emailSchema = z.email();

export function parsePublicEnquiryForm(
  state: PublicEnquiryFormState,
): { values: PublicEnquiryValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const name = state.name.replace(/\s+/g, ' ').trim();
  if (!name) errors.add('name', 'Enter your full name');
  else if (name.length > NAME_MAX) errors.add('name', `Your name must be ${NAME_MAX} characters or fewer`);
  const email = state.email.trim().toLowerCase();
  if (!email) errors.add('email', 'Enter your email address');
  else if (email.length > 254 || !emailSchema.safeParse(email).success)
    errors.add('email', 'Enter an email address in the correct format, like name@example.org');
  const organisation = state.organisation.replace(/\s+/g, ' ').trim();
  if (organisation.length > NAME_MAX)
    errors.add('organisation', `The organisation must be ${NAME_MAX} characters or fewer`);
  const message = checkMessage(errors, state.message);
  if (errors.hasErrors) return { errors: errors.build() };
  return { values: { name, email, organisation, message } };
}
