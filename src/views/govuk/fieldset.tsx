import { type Children, escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface FieldsetLegendOptions {
  text?: string;
  /** Trusted HTML (never user input), as GOV.UK Frontend's `html` option. */
  html?: string;
  classes?: string;
  isPageHeading?: boolean;
}

export interface FieldsetOptions {
  describedBy?: string;
  legend?: FieldsetLegendOptions;
  classes?: string;
  role?: string;
  attributes?: Attributes;
  /** Trusted HTML content, used when there are no JSX children (the Nunjucks `caller`). */
  html?: string;
  children?: Children;
}

export function Fieldset({
  describedBy,
  legend,
  classes,
  role,
  attributes,
  html,
  children,
}: FieldsetOptions): JSX.Element {
  return (
    <fieldset
      class={classNames('govuk-fieldset', classes)}
      role={role || undefined}
      aria-describedby={describedBy || undefined}
      attrs={renderAttributes(attributes)}
    >
      {legend && (legend.html || legend.text) ? <Legend {...legend} /> : ''}
      {children ?? (html ? html : '')}
    </fieldset>
  );
}

function Legend({ text, html, classes, isPageHeading }: FieldsetLegendOptions): JSX.Element {
  return (
    <legend class={classNames('govuk-fieldset__legend', classes)}>
      {isPageHeading ? (
        <h1 class="govuk-fieldset__heading">
          <LegendContent text={text} html={html} />
        </h1>
      ) : (
        <LegendContent text={text} html={html} />
      )}
    </legend>
  );
}

function LegendContent({ text, html }: { text?: string; html?: string }): JSX.Element {
  return <>{html ? html : escapeHtml(text ?? '')}</>;
}
