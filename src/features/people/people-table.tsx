/** A table of people: name, email address, role, when they last signed in, and an action for each. */
import { formatDate } from '../../lib/dates.ts';

export interface PersonRow {
  name: string;
  email: string;
  role: string;
  /** When they last signed in, or that they are invited (only in tables that show it). */
  signedIn?: string;
  /** A rendered action (a link or a small form), or nothing. */
  action: JSX.Element;
}

/** Whether they are invited (an invitation waiting, or an account never used) or when they last signed in. */
export function signedInText(person: { pending: boolean; lastSignedInAt: Date | null }): string {
  return person.pending || !person.lastSignedInAt ? 'Invited' : formatDate(person.lastSignedInAt);
}

export function PeopleTable(props: {
  caption: string;
  rows: PersonRow[];
  showSignedIn?: boolean;
}): JSX.Element {
  return (
    <table class="govuk-table">
      <caption class="govuk-table__caption govuk-table__caption--m" safe>
        {props.caption}
      </caption>
      <thead class="govuk-table__head">
        <tr class="govuk-table__row">
          <th scope="col" class="govuk-table__header">
            Name
          </th>
          <th scope="col" class="govuk-table__header">
            Email address
          </th>
          <th scope="col" class="govuk-table__header">
            Role
          </th>
          {props.showSignedIn ? (
            <th scope="col" class="govuk-table__header">
              Last signed in
            </th>
          ) : (
            ''
          )}
          <th scope="col" class="govuk-table__header">
            <span class="govuk-visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody class="govuk-table__body">
        {props.rows.map((r) => {
          const safeAction = r.action;
          return (
            <tr class="govuk-table__row">
              <th scope="row" class="govuk-table__header" safe>
                {r.name}
              </th>
              <td class="govuk-table__cell app-break-word" safe>
                {r.email}
              </td>
              <td class="govuk-table__cell" safe>
                {r.role}
              </td>
              {props.showSignedIn ? (
                <td class="govuk-table__cell" safe>
                  {r.signedIn ?? ''}
                </td>
              ) : (
                ''
              )}
              <td class="govuk-table__cell">{safeAction}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
