import type { DisplaySettings } from '../../lib/display-settings.ts';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';

/** What the form shows: the settings as chosen (or as typed, when refused). */
export interface DisplayForm {
  contrast: string;
  textSize: string;
}

export function formOf(settings: DisplaySettings): DisplayForm {
  return { contrast: settings.contrast, textSize: settings.textSize };
}

export function DisplaySettingsPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  form: DisplayForm;
  /** The page to go back to (a same-site path). */
  from: string;
  signedIn: boolean;
  errors?: FormErrors | undefined;
}): JSX.Element {
  return (
    <Layout
      title="Display settings"
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink text="Back" href={m.from} />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l">Display settings</h1>
          <p class="govuk-body">
            Change how this service looks to make it easier to read. You can also change colours and text size
            in your browser or device settings.
          </p>
          <p class="govuk-body">
            {m.signedIn
              ? 'Your choice is kept with your account, so you will see it wherever you sign in, and in this browser before you sign in.'
              : 'Your choice is kept in this browser in a cookie. When you sign in, it is used until you choose your own settings.'}
          </p>
          <form method="post" action="/display-settings" novalidate>
            <input type="hidden" name="_csrf" value={m.csrfToken} />
            <input type="hidden" name="from" value={m.from} />
            <Radios
              name="contrast"
              fieldset={{ legend: { text: 'Colours', classes: 'govuk-fieldset__legend--m' } }}
              value={m.form.contrast}
              errorMessage={fieldError(m.errors, 'contrast')}
              items={[
                {
                  value: 'standard',
                  text: 'Standard colours',
                  hint: { text: 'The GOV.UK colours, with the partnership’s header colour.' },
                },
                {
                  value: 'high',
                  text: 'High contrast',
                  hint: {
                    text: 'Black and white text on a plain background, with underlined links and strongly outlined buttons.',
                  },
                },
              ]}
            />
            <Radios
              name="textSize"
              fieldset={{ legend: { text: 'Text size', classes: 'govuk-fieldset__legend--m' } }}
              value={m.form.textSize}
              errorMessage={fieldError(m.errors, 'textSize')}
              items={[
                { value: 'standard', text: 'Standard text' },
                { value: 'large', text: 'Larger text', hint: { text: 'All text a quarter larger.' } },
              ]}
            />
            <Button text="Save display settings" />
          </form>
        </div>
      </div>
    </Layout>
  );
}
