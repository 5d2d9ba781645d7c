/** A table of people: name, email address, role, and an action for each. */
export interface PersonRow {
  name: string;
  email: string;
  role: string;
  /** A rendered action (a link or a small form), or nothing. */
  action: JSX.Element;
}

export function PeopleTable(props: { caption: string; rows: PersonRow[] }): JSX.Element {
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
              <td class="govuk-table__cell">{safeAction}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
