/**
 * Organisation codes that identify an agency whichever partnership it belongs to: each optional,
 * checked by its format and kept in its normal form (upper case, without spaces), so that a search
 * by code finds the agency however the code was typed.
 */

export const ORGANISATION_CODES = ['odsCode', 'urn', 'companyNumber', 'charityNumber'] as const;
export type OrganisationCode = (typeof ORGANISATION_CODES)[number];
export type OrganisationCodes = Record<OrganisationCode, string | null>;

export const CODE_LABELS: Record<OrganisationCode, string> = {
  odsCode: 'ODS code',
  urn: 'URN',
  companyNumber: 'Companies House number',
  charityNumber: 'Charity number',
};

export const CODE_HINTS: Record<OrganisationCode, string> = {
  odsCode: 'For NHS bodies and GP practices: 3 to 6 letters and numbers, like RX1 or A81001.',
  urn: 'For schools and colleges: the 6-digit unique reference number, like 100000.',
  companyNumber: '8 characters, like 01234567 or SC123456.',
  charityNumber:
    'For England and Wales 6 or 7 digits, like 1089464; for Scotland SC and 6 digits; for Northern Ireland NIC and 6 digits.',
};

const FORMATS: Record<OrganisationCode, RegExp> = {
  odsCode: /^[A-Z0-9]{3,6}$/,
  urn: /^[0-9]{6}$/,
  companyNumber: /^(?:[0-9]{8}|[A-Z]{2}[0-9]{6}|R0[0-9]{6})$/,
  charityNumber: /^(?:[0-9]{6,7}(?:-[0-9]{1,2})?|SC[0-9]{6}|NIC[0-9]{6})$/,
};

const MISTAKES: Record<OrganisationCode, string> = {
  odsCode: 'Enter an ODS code of 3 to 6 letters and numbers, like RX1 or A81001',
  urn: 'Enter a URN of 6 digits, like 100000',
  companyNumber: 'Enter a Companies House number of 8 characters, like 01234567 or SC123456',
  charityNumber: 'Enter a charity number like 1089464, SC012345 or NIC100001',
};

/** Upper case, without spaces; a Companies House number given without its leading zeros gets them. */
export function normalCode(code: OrganisationCode, text: string): string {
  const plain = text.replace(/\s+/g, '').toUpperCase();
  if (code === 'companyNumber' && /^[0-9]{1,7}$/.test(plain)) return plain.padStart(8, '0');
  return plain;
}

/** The code in its normal form, null when left blank, or the message saying what is wrong with it. */
export function parseCode(
  code: OrganisationCode,
  text: string,
): { value: string | null; error?: undefined } | { value?: undefined; error: string } {
  const plain = normalCode(code, text);
  if (plain === '') return { value: null };
  return FORMATS[code].test(plain) ? { value: plain } : { error: MISTAKES[code] };
}

/** The codes typed, each checked by its format: their values, with each mistake added to `errors`. */
export function parseCodes(
  typed: Record<OrganisationCode, string>,
  add: (code: OrganisationCode, message: string) => void,
): OrganisationCodes {
  const codes = { odsCode: null, urn: null, companyNumber: null, charityNumber: null } as OrganisationCodes;
  for (const code of ORGANISATION_CODES) {
    const parsed = parseCode(code, typed[code]);
    if (parsed.error) add(code, parsed.error);
    else codes[code] = parsed.value ?? null;
  }
  return codes;
}

/** Every code of the agency, as text for people, in the order of `ORGANISATION_CODES`. */
export function describeCodes(codes: OrganisationCodes): string[] {
  return ORGANISATION_CODES.flatMap((c) => (codes[c] ? [`${CODE_LABELS[c]} ${codes[c]}`] : []));
}

/** Whether `text` could be one of the codes (so a search also looks for it as a code). */
export function codeCandidates(text: string): Array<{ code: OrganisationCode; value: string }> {
  return ORGANISATION_CODES.flatMap((code) => {
    const parsed = parseCode(code, text);
    return parsed.value ? [{ code, value: parsed.value }] : [];
  });
}
