/** The form at the foot of a record's page that retires it (archive, retire) or brings it back. */
import { Button } from './govuk/button.tsx';

export function ArchiveToggleForm(props: {
  /** The record's address: the form posts to `${href}/${archived ? restore : retire}`. */
  href: string;
  csrfToken: string;
  archived: boolean;
  /** The path segments for each direction, e.g. ['archive', 'restore']. */
  actions: [retire: string, restore: string];
  heading: [retire: string, restore: string];
  explanation: [retire: string, restore: string];
  button: [retire: string, restore: string];
}): JSX.Element {
  const i = props.archived ? 1 : 0;
  return (
    <form method="post" action={`${props.href}/${props.actions[i]}`}>
      <input type="hidden" name="_csrf" value={props.csrfToken} />
      <h2 class="govuk-heading-m" safe>
        {props.heading[i]}
      </h2>
      <p class="govuk-body" safe>
        {props.explanation[i]}
      </p>
      <Button
        text={props.button[i]!}
        classes={props.archived ? 'govuk-button--secondary' : 'govuk-button--warning'}
      />
    </form>
  );
}
