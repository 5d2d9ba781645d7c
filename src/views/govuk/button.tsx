import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface ButtonOptions {
  text?: string;
  /** Trusted HTML (never user input), as GOV.UK Frontend's `html` option. */
  html?: string;
  /** `"button"`, `"submit"` (the default) or `"reset"`; not used with `href`. */
  type?: string;
  name?: string;
  value?: string;
  disabled?: boolean;
  /** Renders a link styled as a button. */
  href?: string;
  classes?: string;
  attributes?: Attributes;
  preventDoubleClick?: boolean;
  isStartButton?: boolean;
  id?: string;
}

export function Button(options: ButtonOptions): JSX.Element {
  const { text, html, href, isStartButton, preventDoubleClick } = options;
  const commonAttributes = {
    class: classNames('govuk-button', options.classes, isStartButton && 'govuk-button--start'),
    'data-module': 'govuk-button',
    attrs: renderAttributes(options.attributes),
    id: options.id || undefined,
  };
  // Start buttons use flexbox, which would remove the white space between HTML elements: wrap them.
  const content = (
    <>
      {html && isStartButton ? (
        <span>
          <ButtonText html={html} />
        </span>
      ) : (
        <ButtonText text={text} html={html} />
      )}
      {isStartButton ? <StartIcon /> : ''}
    </>
  );

  if (href) {
    return (
      <a href={href} role="button" draggable="false" {...commonAttributes}>
        {content}
      </a>
    );
  }
  return (
    <button
      type={options.type ? options.type : 'submit'}
      value={options.value || undefined}
      name={options.name || undefined}
      disabled={Boolean(options.disabled)}
      aria-disabled={options.disabled ? 'true' : undefined}
      data-prevent-double-click={preventDoubleClick === undefined ? undefined : String(preventDoubleClick)}
      {...commonAttributes}
    >
      {content}
    </button>
  );
}

function ButtonText({ text, html }: { text?: string; html?: string }): JSX.Element {
  return <>{html ? html : escapeHtml(text ?? '')}</>;
}

function StartIcon(): JSX.Element {
  // focusable="false" stops Internet Explorer treating the SVG as an interactive element.
  return (
    <svg
      class="govuk-button__start-icon"
      xmlns="http://www.w3.org/2000/svg"
      width="17.5"
      height="19"
      viewBox="0 0 33 40"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  );
}
