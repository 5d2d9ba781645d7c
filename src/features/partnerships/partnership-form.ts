/** The partnership's own details and localities: what was typed, and its validation. */
import { z } from 'zod';
import { isUpload } from '../../lib/file-uploads.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { requiredEmail } from '../../web/email-field.ts';
import { type FormBody, textField, validate } from '../../web/form-route.ts';
import { normaliseHexColour, whiteTextReadableOn } from './contrast.ts';
import { LOGO_MAX_BYTES, sniffLogoType } from './logo-image.ts';

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

/** Name, short name and contact email: shared with the platform admin's new-partnership form. */
export const identityFields = {
  name: z
    .string()
    .trim()
    .min(1, 'Enter the partnership’s name')
    .max(200, 'The name must be 200 characters or fewer'),
  shortName: z
    .string()
    .trim()
    .min(1, 'Enter a short name')
    .refine(
      (v) => v === '' || (v.length >= 2 && v.length <= 40),
      'The short name must be between 2 and 40 characters',
    )
    .refine(
      (v) => SHORT_NAME_PATTERN.test(v),
      'The short name must only include lowercase letters, numbers and hyphens between them, like north-lscp',
    ),
  contactEmail: requiredEmail('Enter the partnership’s contact email address'),
};

/** The details form's one schema: every field's error at once; the values come back cleaned. */
export const detailsSchema = z.object({
  ...identityFields,
  // Line endings are kept as typed paragraphs; a browser sends CR LF.
  introduction: z
    .string()
    .transform((v) => v.replace(/\r\n/g, '\n').trim())
    .pipe(
      z
        .string()
        .max(
          INTRODUCTION_MAX,
          `The introduction must be ${INTRODUCTION_MAX.toLocaleString('en-GB')} characters or fewer`,
        ),
    ),
});

export function parseDetails(
  state: DetailsState,
): { values: DetailsValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const checked = validate(detailsSchema, state);
  return checked.ok ? { values: checked.values } : { errors: checked.errors };
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
