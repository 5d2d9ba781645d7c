import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';

export interface SummaryListAction {
  href: string;
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** Appended, visually hidden, to give the action context (e.g. "Change *name*"). */
  visuallyHiddenText?: string;
  classes?: string;
  attributes?: Attributes;
}

export interface SummaryListActions {
  items?: SummaryListAction[];
  classes?: string;
}

export interface SummaryListRow {
  classes?: string;
  key: {
    text?: string;
    /** Trusted HTML (never user input); takes precedence over `text`. */
    html?: string;
    classes?: string;
  };
  value: {
    text?: string;
    /** Trusted HTML (never user input); takes precedence over `text`. */
    html?: string;
    classes?: string;
  };
  actions?: SummaryListActions;
}

export interface SummaryCardTitle {
  text?: string;
  /** Trusted HTML (never user input); takes precedence over `text`. */
  html?: string;
  /** 1 to 6; defaults to 2. */
  headingLevel?: number;
  classes?: string;
}

export interface SummaryListOptions {
  /** Falsy rows are skipped. */
  rows: Array<SummaryListRow | null | undefined | false>;
  /** Wraps the list in a summary card (when set at all, even as `{}`). */
  card?: {
    title?: SummaryCardTitle;
    actions?: SummaryListActions;
    classes?: string;
    attributes?: Attributes;
  };
  classes?: string;
  attributes?: Attributes;
}

/** An action link; the card title (if any) is added to its visually hidden text. */
function ActionLink({
  action,
  cardTitle,
}: {
  action: SummaryListAction;
  cardTitle?: SummaryCardTitle;
}): JSX.Element {
  const { href, text, html, visuallyHiddenText, classes, attributes } = action;
  return (
    <a class={classNames('govuk-link', classes)} href={href} attrs={renderAttributes(attributes)}>
      {html ? html : escapeHtml(text ?? '')}
      {visuallyHiddenText || cardTitle ? (
        <span class="govuk-visually-hidden">
          {escapeHtml(visuallyHiddenText ? ` ${visuallyHiddenText}` : '')}
          {cardTitle ? (
            <>
              {' ('}
              {cardTitle.html ? cardTitle.html : escapeHtml(cardTitle.text ?? '')})
            </>
          ) : (
            ''
          )}
        </span>
      ) : (
        ''
      )}
    </a>
  );
}

function SummaryCard({
  card,
  children,
}: {
  card: NonNullable<SummaryListOptions['card']>;
  children: JSX.Element;
}): JSX.Element {
  const { title, actions, classes, attributes } = card;
  const items = actions?.items ?? [];
  return (
    <div class={classNames('govuk-summary-card', classes)} attrs={renderAttributes(attributes)}>
      <div class="govuk-summary-card__title-wrapper">
        {title ? (
          <tag
            of={`h${title.headingLevel || 2}`}
            class={classNames('govuk-summary-card__title', title.classes)}
          >
            {title.html ? title.html : escapeHtml(title.text ?? '')}
          </tag>
        ) : (
          ''
        )}
        {items.length === 1 ? (
          <div class={classNames('govuk-summary-card__actions', actions?.classes)}>
            <ActionLink action={items[0]!} cardTitle={title} />
          </div>
        ) : items.length > 1 ? (
          <ul class={classNames('govuk-summary-card__actions', actions?.classes)}>
            {items.map((action) => (
              <li class="govuk-summary-card__action">
                <ActionLink action={action} cardTitle={title} />
              </li>
            ))}
          </ul>
        ) : (
          ''
        )}
      </div>
      <div class="govuk-summary-card__content">{children}</div>
    </div>
  );
}

function Row({
  row,
  anyRowHasActions,
  cardTitle,
}: {
  row: SummaryListRow;
  anyRowHasActions: boolean;
  cardTitle: SummaryCardTitle | undefined;
}): JSX.Element {
  const { key, value, actions, classes } = row;
  const items = actions?.items ?? [];
  return (
    <div
      class={classNames(
        'govuk-summary-list__row',
        anyRowHasActions && !actions?.items && 'govuk-summary-list__row--no-actions',
        classes,
      )}
    >
      <dt class={classNames('govuk-summary-list__key', key.classes)}>
        {key.html ? key.html : escapeHtml(key.text ?? '')}
      </dt>
      <dd class={classNames('govuk-summary-list__value', value.classes)}>
        {value.html ? value.html : escapeHtml(value.text ?? '')}
      </dd>
      {items.length ? (
        <dd class={classNames('govuk-summary-list__actions', actions?.classes)}>
          {items.length === 1 ? (
            <ActionLink action={items[0]!} cardTitle={cardTitle} />
          ) : (
            <ul class="govuk-summary-list__actions-list">
              {items.map((action) => (
                <li class="govuk-summary-list__actions-list-item">
                  <ActionLink action={action} cardTitle={cardTitle} />
                </li>
              ))}
            </ul>
          )}
        </dd>
      ) : (
        ''
      )}
    </div>
  );
}

export function SummaryList({ rows, card, classes, attributes }: SummaryListOptions): JSX.Element {
  const anyRowHasActions = rows.some((row) => row && (row.actions?.items?.length ?? 0) > 0);
  const list = (
    <dl class={classNames('govuk-summary-list', classes)} attrs={renderAttributes(attributes)}>
      {rows.map((row) =>
        row ? <Row row={row} anyRowHasActions={anyRowHasActions} cardTitle={card?.title} /> : '',
      )}
    </dl>
  );
  return card ? <SummaryCard card={card}>{list}</SummaryCard> : list;
}
