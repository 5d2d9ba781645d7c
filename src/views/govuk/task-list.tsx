import { escapeHtml } from '@kitajs/html';
import { type Attributes, classNames, renderAttributes } from './attributes.ts';
import { Tag, type TagOptions } from './tag.tsx';

export interface TaskListItem {
  title: {
    text?: string;
    /** Trusted HTML (never user input); takes precedence over `text`. */
    html?: string;
    classes?: string;
  };
  hint?: {
    text?: string;
    /** Trusted HTML (never user input); takes precedence over `text`. */
    html?: string;
  };
  status: {
    /** Shows the status as a tag; takes precedence over `html` and `text`. */
    tag?: TagOptions;
    text?: string;
    /** Trusted HTML (never user input); takes precedence over `text`. */
    html?: string;
    classes?: string;
  };
  href?: string;
  classes?: string;
}

export interface TaskListOptions {
  /** Falsy items are skipped (but still count towards the ids' numbering, as in GOV.UK Frontend). */
  items: Array<TaskListItem | null | undefined | false>;
  classes?: string;
  attributes?: Attributes;
  /** Prefix for the hint and status ids; defaults to "task-list". */
  idPrefix?: string;
}

function TaskListRow({
  item,
  idPrefix,
  index,
}: {
  item: TaskListItem;
  idPrefix: string;
  index: number;
}): JSX.Element {
  const { title, hint, status, href, classes } = item;
  const hintId = `${idPrefix}-${index}-hint`;
  const statusId = `${idPrefix}-${index}-status`;
  return (
    <li class={classNames('govuk-task-list__item', href && 'govuk-task-list__item--with-link', classes)}>
      <div class="govuk-task-list__name-and-hint">
        {href ? (
          <a
            class={classNames('govuk-link', 'govuk-task-list__link', title.classes)}
            href={href}
            aria-describedby={hint ? `${hintId} ${statusId}` : statusId}
          >
            {title.html ? title.html : escapeHtml(title.text ?? '')}
          </a>
        ) : (
          <div class={title.classes || undefined}>
            {title.html ? title.html : escapeHtml(title.text ?? '')}
          </div>
        )}
        {hint ? (
          <div id={hintId} class="govuk-task-list__hint">
            {hint.html ? hint.html : escapeHtml(hint.text ?? '')}
          </div>
        ) : (
          ''
        )}
      </div>
      <div class={classNames('govuk-task-list__status', status.classes)} id={statusId}>
        {status.tag ? <Tag {...status.tag} /> : status.html ? status.html : escapeHtml(status.text ?? '')}
      </div>
    </li>
  );
}

export function TaskList({ items, classes, attributes, idPrefix }: TaskListOptions): JSX.Element {
  return (
    <ul class={classNames('govuk-task-list', classes)} attrs={renderAttributes(attributes)}>
      {items.map((item, index) =>
        item ? <TaskListRow item={item} idPrefix={idPrefix || 'task-list'} index={index + 1} /> : '',
      )}
    </ul>
  );
}
