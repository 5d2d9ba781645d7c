/** The partnership's own details and localities: what was typed, and its validation. */
import { z } from 'zod';
import { isUpload } from '../../lib/file-uploads.ts';
import { errorsFromZod, FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { type FormBody, textField } from '../../web/form-route.ts';
import { normaliseHexColour, whiteTextReadableOn } from './contrast.ts';
import { LOGO_MAX_BYTES, sniffLogoType } from './logo-image.ts';

const email = z.email();
export const SHORT_NAME_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const INTRODUCTION_MAX = 2000;

export interface DetailsState {
  name: string;
  shortName: string;
  contactEmail: string;
  introduction: string;
}

export interface DetailsValues {
  name: string;
  shortName: string;
  contactEmail: string;
  introduction: string;
}

export function detailsState(body: FormBody): DetailsState {
  return {
    name: textField(body, 'name'),
    shortName: textField(body, 'shortName'),
    contactEmail: textField(body, 'contactEmail'),
    introduction: textField(body, 'introduction'),
  };
}

/** Adds the errors of name, short name and contact email; gives them cleaned when all are valid. */
export function checkIdentity(
  state: Pick<DetailsState, 'name' | 'shortName' | 'contactEmail'>,
  errors: FormErrorBuilder,
): Pick<DetailsValues, 'name' | 'shortName' | 'contactEmail'> | null {
  const name = state.name.trim();
  if (!name) errors.add('name', 'Enter the partnership’s name');
  else if (name.length > 200) errors.add('name', 'The name must be 200 characters or fewer');
  const shortName = state.shortName.trim();
  if (!shortName) errors.add('shortName', 'Enter a short name');
  else if (shortName.length < 2 || shortName.length > 40)
    errors.add('shortName', 'The short name must be between 2 and 40 characters');
  else if (!SHORT_NAME_PATTERN.test(shortName))
    errors.add(
      'shortName',
      'The short name must only include lowercase letters, numbers and hyphens between them, like north-lscp',
    );
  const contactEmail = state.contactEmail.trim();
  if (!contactEmail) errors.add('contactEmail', 'Enter the partnership’s contact email address');
  else if (contactEmail.length > 254 || !email.safeParse(contactEmail).success)
    errors.add('contactEmail', 'Enter an email address in the correct format, like name@example.org');
  if (errors.hasErrors) return null;
  return { name, shortName, contactEmail: contactEmail.toLowerCase() };
}

/** The details form's one schema: every field's error at once; the values come back cleaned. */
export const detailsSchema = z
  .object({
    name: z.string(),
    shortName: z.string(),
    contactEmail: z.string(),
    // Line endings are kept as typed paragraphs; a browser sends CR LF.
    introduction: z.string().transform((v) => v.replace(/\r\n/g, '\n').trim()),
  })
  .transform((state, ctx): DetailsValues => {
    // Name, short name and email share their rules with the new-partnership form.
    const errors = new FormErrorBuilder();
    const identity = checkIdentity(state, errors);
    if (state.introduction.length > INTRODUCTION_MAX)
      errors.add(
        'introduction',
        `The introduction must be ${INTRODUCTION_MAX.toLocaleString('en-GB')} characters or fewer`,
      );
    for (const [field, message] of Object.entries(errors.build().byField))
      ctx.addIssue({ code: 'custom', path: [field], message });
    return {
      ...(identity ?? { name: '', shortName: '', contactEmail: '' }),
      introduction: state.introduction,
    };
  });

export function parseDetails(
  state: DetailsState,
): { values: DetailsValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const parsed = detailsSchema.safeParse(state);
  return parsed.success ? { values: parsed.data } : { errors: errorsFromZod(parsed.error) };
}

/** The locality form's one schema: its name, trimmed and with single spaces. */
export const localitySchema = z.object({
  name: z
    .string()
    .transform((v) => v.trim().replace(/\s+/g, ' '))
    .pipe(
      z
        .string()
        .min(1, 'Enter the locality’s name')
        .max(100, 'The locality’s name must be 100 characters or fewer'),
    ),
});

/** The header colour form's one schema: empty for the default, else a colour white text can be read on. */
export const colourSchema = z.object({
  headerColour: z.string().transform((raw, ctx) => {
    const checked = checkHeaderColour(raw);
    if ('error' in checked) {
      ctx.addIssue({ code: 'custom', message: checked.error });
      return z.NEVER;
    }
    return checked.colour;
  }),
});

/** A locality's name, trimmed, or the message saying what is wrong with it. */
export function checkLocalityName(raw: string): { name: string } | { error: string } {
  const name = raw.trim().replace(/\s+/g, ' ');
  if (!name) return { error: 'Enter the locality’s name' };
  if (name.length > 100) return { error: 'The locality’s name must be 100 characters or fewer' };
  return { name };
}

/** Names are compared as people read them: without regard to case or spacing. */
export const sameLocalityName = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();

/** The header colour typed: empty for the default, else a hex colour white text can be read on. */
export function checkHeaderColour(raw: string): { colour: string | null } | { error: string } {
  if (raw.trim() === '') return { colour: null };
  const colour = normaliseHexColour(raw);
  if (!colour) return { error: 'Enter the colour as a hex code, like #1d70b8' };
  if (!whiteTextReadableOn(colour))
    return {
      error:
        'White text on this colour does not reach a contrast ratio of 4.5:1. Choose a darker colour, like #1d70b8',
    };
  return { colour };
}

/** The logo form's one schema: a PNG or JPEG file within the size limit, as its type and bytes. */
export const logoSchema = z
  .object({
    logo: z.unknown().transform((file, ctx) => {
      const refuse = (message: string) => {
        ctx.addIssue({ code: 'custom', message });
        return z.NEVER;
      };
      if (!isUpload(file) || file.data.length === 0) return refuse('Select a logo to upload');
      if (file.truncated || file.data.length > LOGO_MAX_BYTES)
        return refuse(`The logo must be ${LOGO_MAX_BYTES / 1024} KB or smaller`);
      const contentType = sniffLogoType(file.data);
      if (!contentType) return refuse('The logo must be a PNG or JPEG image');
      return { contentType, bytes: file.data };
    }),
  })
  .transform((v): { contentType: 'image/png' | 'image/jpeg'; bytes: Buffer } => v.logo);
