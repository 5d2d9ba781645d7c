import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { Button } from '../../views/govuk/button.tsx';
import { CharacterCount } from '../../views/govuk/character-count.tsx';
import { MESSAGE_MAX } from './enquiry-form.ts';

/** The message of a new enquiry, from an agency or the public, and the button that sends it. */
export function EnquiryMessage(m: { value: string; errors?: FormErrors | undefined }): JSX.Element {
  return (
    <>
      <CharacterCount
        name="message"
        rows={8}
        maxlength={MESSAGE_MAX}
        label={{ text: 'Your message', classes: 'govuk-label--s' }}
        hint={{ text: 'Do not include information about individual children or families.' }}
        value={m.value}
        errorMessage={fieldError(m.errors, 'message')}
      />
      <Button text="Send enquiry" attributes={{ 'data-prevent-double-click': 'true' }} />
    </>
  );
}
