/**
 * The page for a request the service could not answer because its database was away or it was
 * shutting down (503). A form posted then is given back, ready to send again, so nothing typed is
 * lost: its fields ride in hidden inputs to the same address.
 */
import { ErrorPage } from './error-page.tsx';
import { renderAttributes } from './govuk/attributes.ts';
import { Button } from './govuk/button.tsx';

export const SERVICE_UNAVAILABLE_TITLE = 'Sorry, there is a problem with the service';

export interface ServiceUnavailableProps {
  /** The address to try again: the page asked for, or the form's address. */
  url: string;
  /** What a form posted held (its text fields), to send again; null for a page or a file upload. */
  form: Array<[string, string]> | null;
  /** A form was posted but could not be kept (a file upload). */
  formLost: boolean;
}

export function ServiceUnavailablePage(props: ServiceUnavailableProps): JSX.Element {
  const form = props.form;
  // Built with the components' attribute helper, which escapes every character that matters.
  const safeHiddenInputs = (form ?? [])
    .map(([name, value]) => `<input type="hidden"${renderAttributes({ name, value })}>`)
    .join('');
  const more = form ? (
    <>
      <p class="govuk-body">
        What you sent has not been saved yet. It is kept on this page: in a few minutes, select “Send again”
        to save it.
      </p>
      <form method="post" action={props.url} novalidate>
        {safeHiddenInputs}
        {Button({ text: 'Send again', preventDoubleClick: true })}
      </form>
    </>
  ) : props.formLost ? (
    <p class="govuk-body">
      What you sent has not been saved. Go back to the page and send it again in a few minutes.
    </p>
  ) : (
    <p class="govuk-body">
      <a class="govuk-link" href={props.url}>
        Try again
      </a>
    </p>
  );
  return ErrorPage({
    title: SERVICE_UNAVAILABLE_TITLE,
    message: 'Try again in a few minutes.',
    children: more,
  });
}
