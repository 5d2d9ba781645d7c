/** The partnership's own details and localities: what was typed, and its validation. */
import { z } from 'zod';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { normaliseHexColour, whiteTextReadableOn } from './contrast.ts';

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

const str = (body: Record<string, unknown>, key: string) =>
  typeof body[key] === 'string' ? (body[key] as string) : '';

export function detailsState(body: Record<string, unknown>): DetailsState {
  return {
    name: str(body, 'name'),
    shortName: str(body, 'shortName'),
    contactEmail: str(body, 'contactEmail'),
    introduction: str(body, 'introduction'),
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

export function parseDetails(
  state: DetailsState,
): { values: DetailsValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const identity = checkIdentity(state, errors);
  // Line endings are kept as typed paragraphs; a browser sends CR LF.
  const introduction = state.introduction.replace(/\r\n/g, '\n').trim();
  if (introduction.length > INTRODUCTION_MAX)
    errors.add('introduction', `The introduction must be ${INTRODUCTION_MAX} characters or fewer`);
  if (!identity || errors.hasErrors) return { errors: errors.build() };
  return { values: { ...identity, introduction } };
}

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
