/** The enquiry and reply forms: what was typed, and each form's one schema. */
import { z } from 'zod';
import type { FormBody } from '../../web/form-route.ts';
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

const text = (body: FormBody, key: string) => (typeof body[key] === 'string' ? (body[key] as string) : '');

export function enquiryFormState(body: FormBody): EnquiryFormState {
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

const messageField = z
  .string()
  .transform(normaliseMessage)
  .pipe(
    z
      .string()
      .min(1, 'Enter your message')
      .max(MESSAGE_MAX, `Your message must be ${MESSAGE_MAX.toLocaleString('en-GB')} characters or fewer`),
  );

/** One line: a subject or name never carries line breaks into emails or pages. */
const oneLine = (value: string) => value.replace(/\s+/g, ' ').trim();

/** The enquiry form's schema, given the partnerships the person may write to and their returns. */
export const enquirySchema = (recipients: AgencyPartnership[], returns: ReturnOption[]) =>
  z
    .object({
      // With only one partnership there is nothing to choose.
      recipient: z.string().transform((value, ctx) => {
        const found =
          recipients.length === 1 ? recipients[0] : recipients.find((r) => recipientValue(r) === value);
        if (!found)
          ctx.addIssue({
            code: 'custom',
            message: 'Select the partnership your enquiry is for',
            continue: true,
          });
        return found ?? null;
      }),
      returnId: z.string().transform((id, ctx) => {
        if (!id) return null;
        const chosen = returns.find((r) => r.id === id);
        if (!chosen)
          ctx.addIssue({ code: 'custom', message: 'Select a return from the list', continue: true });
        return chosen ?? null;
      }),
      subject: z
        .string()
        .transform(oneLine)
        .pipe(
          z
            .string()
            .min(1, 'Enter a subject')
            .max(SUBJECT_MAX, `The subject must be ${SUBJECT_MAX} characters or fewer`),
        ),
      message: messageField,
    })
    .superRefine(({ recipient, returnId: chosen }, ctx) => {
      if (
        recipient &&
        chosen &&
        (chosen.agencyId !== recipient.agencyId || chosen.partnershipId !== recipient.partnershipId)
      )
        ctx.addIssue({
          code: 'custom',
          path: ['returnId'],
          message: 'Select a return for the partnership you chose, or none',
        });
    })
    .transform(
      (v): EnquiryValues => ({
        // Given once the schema passes.
        recipient: v.recipient!,
        returnId: v.returnId?.id ?? null,
        subject: v.subject,
        message: v.message,
      }),
    );

/** A reply: its message. */
export const replyState = (body: FormBody) => ({ message: text(body, 'message') });
export const replySchema = z.object({ message: messageField });

/** The public enquiry form, for people not signed in. */
export interface PublicEnquiryFormState {
  name: string;
  email: string;
  organisation: string;
  message: string;
}

export const NAME_MAX = 200;

export function publicEnquiryFormState(body: FormBody): PublicEnquiryFormState {
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

export const publicEnquirySchema = z.object({
  name: z
    .string()
    .transform(oneLine)
    .pipe(
      z
        .string()
        .min(1, 'Enter your full name')
        .max(NAME_MAX, `Your name must be ${NAME_MAX} characters or fewer`),
    ),
  email: z
    .string()
    .transform((v) => v.trim().toLowerCase())
    .pipe(
      z
        .string()
        .min(1, 'Enter your email address')
        .max(254, 'Enter an email address in the correct format, like name@example.org')
        .pipe(z.email('Enter an email address in the correct format, like name@example.org')),
    ),
  organisation: z
    .string()
    .transform(oneLine)
    .pipe(z.string().max(NAME_MAX, `The organisation must be ${NAME_MAX} characters or fewer`)),
  message: messageField,
}) satisfies z.ZodType<PublicEnquiryValues, PublicEnquiryFormState>;
