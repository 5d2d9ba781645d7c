import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import type { PartnershipRef } from './agencies.view.tsx';
import type { FoundAgency } from './agency-shares.repository.ts';
import { agenciesBase, sharesBase } from './agency-shares.view.tsx';
import { codesText } from './organisation-codes.view.tsx';
import { SECTOR_LABELS } from './sectors.ts';

export function FindAgencyPage(m: {
  chrome: PageChrome;
  partnership: PartnershipRef;
  query: string;
  /** Null before a search. */
  results: FoundAgency[] | null;
  more: boolean;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = agenciesBase(m.partnership.id);
  return (
    <Layout
      title="Find an agency of another partnership"
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={`${base}/new`} text="Add an agency" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <span class="govuk-caption-l" safe>
            {m.partnership.name}
          </span>
          <h1 class="govuk-heading-l">Find an agency of another partnership</h1>
          <p class="govuk-body">
            An agency working across several partnerships (a police force, an NHS trust, a national charity)
            can be one agency with one set of people in each of them. Find it in a neighbouring partnership
            and ask that partnership to share it with yours. You choose your own localities and lead contact
            for it.
          </p>
          <form method="get" action={`${base}/find`} novalidate>
            <Input
              name="q"
              type="search"
              label={{ text: 'Agency name or code', classes: 'govuk-label--s' }}
              hint={{
                text: 'Part of its name, or its ODS code, URN, Companies House number or charity number.',
              }}
              spellcheck={false}
              value={m.query}
              errorMessage={fieldError(m.errors, 'q')}
            />
            <Button text="Search" />
          </form>
        </div>
      </div>
      {m.results === null ? (
        ''
      ) : m.results.length === 0 ? (
        <p class="govuk-body" safe>
          {`No agency of another partnership matches “${m.query}”. Check the spelling, try part of the name or one of its codes, or add the agency yourself.`}
        </p>
      ) : (
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m" safe>
            {m.more
              ? `The first ${m.results.length} agencies matching “${m.query}”: add more of the name to narrow the search`
              : `${m.results.length} agenc${m.results.length === 1 ? 'y' : 'ies'} matching “${m.query}”`}
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">
                Agency
              </th>
              <th scope="col" class="govuk-table__header">
                Sector
              </th>
              <th scope="col" class="govuk-table__header">
                Organisation codes
              </th>
              <th scope="col" class="govuk-table__header">
                Partnership
              </th>
              <th scope="col" class="govuk-table__header">
                <span class="govuk-visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {m.results.map((a) => (
              <tr class="govuk-table__row">
                <th scope="row" class="govuk-table__header" safe>
                  {a.name}
                </th>
                <td class="govuk-table__cell govuk-body-s" safe>
                  {SECTOR_LABELS[a.sector]}
                </td>
                <td class="govuk-table__cell govuk-body-s" safe>
                  {codesText(a.codes)}
                </td>
                <td class="govuk-table__cell govuk-body-s" safe>
                  {a.partnershipName}
                </td>
                <td class="govuk-table__cell govuk-body-s">
                  {a.alreadyMember ? (
                    'Already in your partnership'
                  ) : a.requested ? (
                    'Asked, waiting for an answer'
                  ) : (
                    <a
                      class="govuk-link"
                      href={`${sharesBase(m.partnership.id)}/new?agency=${a.agencyId}&asked=${a.partnershipId}`}
                    >
                      Ask to share
                      <span class="govuk-visually-hidden" safe>{` ${a.name} with ${a.partnershipName}`}</span>
                    </a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>
  );
}
