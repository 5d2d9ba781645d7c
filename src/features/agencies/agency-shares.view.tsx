/**
 * Sharing agencies with other partnerships: finding another partnership's agency, asking to share
 * it, the requests made and received, and a request with its answer.
 */
import type { AgencyShareStatus } from '../../db/schema.ts';
import type { AgencyIdentity } from './agency-shares.repository.ts';
import { codesText } from './organisation-codes.view.tsx';
import { SECTOR_LABELS } from './sectors.ts';

export const agenciesBase = (partnershipId: string) => `/partnerships/${partnershipId}/agencies`;
export const sharesBase = (partnershipId: string) => `/partnerships/${partnershipId}/agency-shares`;

export const STATUS_TAGS: Record<AgencyShareStatus, { text: string; classes: string }> = {
  pending: { text: 'Waiting for an answer', classes: 'govuk-tag--blue' },
  accepted: { text: 'Accepted', classes: 'govuk-tag--green' },
  declined: { text: 'Declined', classes: 'govuk-tag--red' },
  withdrawn: { text: 'Withdrawn', classes: 'govuk-tag--grey' },
};

/** What identifies the agency to another partnership: never its people, returns or contact. */
export function identityRows(agency: AgencyIdentity) {
  return [
    { key: { text: 'Agency' }, value: { text: agency.name } },
    { key: { text: 'Sector' }, value: { text: SECTOR_LABELS[agency.sector] } },
    { key: { text: 'Organisation codes' }, value: { text: codesText(agency.codes) } },
    { key: { text: 'Partnership' }, value: { text: agency.partnershipName } },
  ];
}
