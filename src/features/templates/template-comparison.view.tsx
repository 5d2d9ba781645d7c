/** The page comparing two versions of a template: counts, then themes and questions by change. */
import { escapeHtml } from '@kitajs/html';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { InsetText } from '../../views/govuk/inset-text.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { Table } from '../../views/govuk/table.tsx';
import { Tag } from '../../views/govuk/tag.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { fieldLabel, fieldList, isSameTemplate, type TemplateComparison } from './template-comparison.ts';
import { type QuestionDefinition, RESPONSE_SCALES, type ThemeDefinition } from './template-definition.ts';
import type { VersionSummary } from './template-versions.repository.ts';
import { type PartnershipRef, templatesBase, versionBase } from './templates.view.tsx';

export type DefinitionComparison = TemplateComparison<ThemeDefinition, QuestionDefinition>;

const CHANGE_TAGS = {
  added: { text: 'Added', classes: 'govuk-tag--green' },
  removed: { text: 'Removed', classes: 'govuk-tag--red' },
  changed: { text: 'Changed', classes: 'govuk-tag--orange' },
  moved: { text: 'Moved', classes: 'govuk-tag--blue' },
} as const;

const tag = (kind: keyof typeof CHANGE_TAGS) => String(Tag(CHANGE_TAGS[kind]));

/** A field's value as plain text, for "before" and "now". */
export function describeValue(field: string, value: unknown): string {
  if (value === undefined || value === null || value === '') return '(blank)';
  if (field === 'scale') return RESPONSE_SCALES.find((s) => s.value === value)?.label ?? String(value);
  if (field === 'required') return value ? 'Must be answered' : 'May be left unanswered';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field === 'gradeDescriptors' && typeof value === 'object') {
    const g = value as { red: string; amber: string; green: string };
    return `Red: ${g.red} Amber: ${g.amber} Green: ${g.green}`;
  }
  if (field === 'options' && Array.isArray(value))
    return value.length === 0
      ? '(none)'
      : (value as Array<{ key: string; label: string; met: boolean; action: boolean }>)
          .map((o) => `${o.label} (${o.met ? 'met' : 'not met'}${o.action ? ', needs an action' : ''})`)
          .join('; ');
  if (field === 'showWhen' && typeof value === 'object') {
    const w = value as { questionKey: string; answers: string[] };
    return `When question “${w.questionKey}” is answered ${w.answers.join(' or ')}`;
  }
  if (Array.isArray(value)) return value.length === 0 ? '(none)' : value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

const beforeNow = (field: string, before: unknown, after: unknown) =>
  `<p class="govuk-body govuk-!-margin-bottom-1"><strong>Before:</strong> ${escapeHtml(describeValue(field, before))}</p><p class="govuk-body govuk-!-margin-bottom-0"><strong>Now:</strong> ${escapeHtml(describeValue(field, after))}</p>`;

export function ComparisonPage(m: {
  chrome: PageChrome;
  partnership: PartnershipRef;
  templateName: string;
  version: VersionSummary;
  /** The version compared against, or null when there is none. */
  against: VersionSummary | null;
  others: VersionSummary[];
  comparison: DefinitionComparison | null;
}): JSX.Element {
  const href = versionBase(m.partnership.id, m.version.id);
  const title = m.against
    ? `Version ${m.version.version} compared with version ${m.against.version}`
    : `Version ${m.version.version}: compare with another version`;
  const c = m.comparison;
  const themeTitle = (key: string) =>
    c?.themes.find((t) => t.key === key)?.after?.title ??
    c?.themes.find((t) => t.key === key)?.before?.title ??
    key;
  const count = (list: Array<{ kind: string }>, kind: string) => list.filter((x) => x.kind === kind).length;
  return (
    <Layout
      title={`${title} – ${m.templateName}`}
      {...m.chrome}
      beforeContent={<BackLink href={href} text={`Version ${m.version.version}`} />}
    >
      <span class="govuk-caption-l" safe>
        {m.templateName}
      </span>
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      {m.others.length > 0 ? (
        <form method="get" action={`${href}/compare`} novalidate>
          <Select
            name="with"
            label={{ text: 'Compare with', classes: 'govuk-label--s' }}
            items={m.others.map((o) => ({ value: o.id, text: `Version ${o.version}` }))}
            value={m.against?.id}
          />
          <Button text="Compare" classes="govuk-button--secondary" />
        </form>
      ) : (
        <InsetText text="This template has only one version, so there is nothing to compare it with yet." />
      )}
      {c && m.against ? (
        isSameTemplate(c) ? (
          <p class="govuk-body">
            The two versions have the same themes and questions, in the same order, with the same wording.
          </p>
        ) : (
          <>
            <h2 class="govuk-heading-m">Summary</h2>
            {SummaryList({
              rows: [
                {
                  key: { text: 'Themes' },
                  value: {
                    text: `${count(c.themes, 'added')} added, ${count(c.themes, 'removed')} removed, ${count(c.themes, 'changed')} changed, ${c.themes.filter((t) => t.moved).length} moved`,
                  },
                },
                {
                  key: { text: 'Questions' },
                  value: {
                    text: `${count(c.questions, 'added')} added, ${count(c.questions, 'removed')} removed, ${count(c.questions, 'changed')} changed, ${c.questions.filter((q) => q.moved).length} moved`,
                  },
                },
                c.fields.length > 0 && {
                  key: { text: 'Template' },
                  value: { text: `Changed: ${fieldList(c.fields)}` },
                },
              ],
            })}
            <ThemeChanges comparison={c} />
            <QuestionChanges comparison={c} themeTitle={themeTitle} />
          </>
        )
      ) : (
        ''
      )}
      <p class="govuk-body">
        <a class="govuk-link" href={templatesBase(m.partnership.id)}>
          Back to templates
        </a>
      </p>
    </Layout>
  );
}

function ThemeChanges({ comparison: c }: { comparison: DefinitionComparison }): JSX.Element {
  const rows = c.themes.filter((t) => t.kind !== 'unchanged' || t.moved);
  if (rows.length === 0) return '';
  return (
    <>
      <h2 class="govuk-heading-m">Themes</h2>
      {Table({
        caption: 'Themes that changed',
        captionClasses: 'govuk-visually-hidden',
        firstCellIsHeader: true,
        head: [{ text: 'Theme' }, { text: 'Change' }, { text: 'Details' }],
        rows: rows.map((t) => {
          const theme = t.after ?? t.before!;
          const tags = [t.kind === 'unchanged' ? '' : tag(t.kind), t.moved ? tag('moved') : '']
            .filter(Boolean)
            .join(' ');
          const details = [
            t.kind === 'changed' ? `Changed: ${fieldList(t.fields)}.` : '',
            t.kind === 'added' ? `${theme.questions.length} questions.` : '',
            t.kind === 'removed' ? `Its ${theme.questions.length} questions are no longer asked.` : '',
            t.moved ? `Was theme ${t.beforePosition}, now theme ${t.afterPosition}.` : '',
          ]
            .filter(Boolean)
            .join(' ');
          return [{ text: theme.title }, { html: tags }, { text: details }];
        }),
      })}
    </>
  );
}

function QuestionChanges({
  comparison: c,
  themeTitle,
}: {
  comparison: DefinitionComparison;
  themeTitle: (key: string) => string;
}): JSX.Element {
  const added = c.questions.filter((q) => q.kind === 'added');
  const removed = c.questions.filter((q) => q.kind === 'removed');
  const changed = c.questions.filter((q) => q.kind === 'changed');
  const moved = c.questions.filter((q) => q.moved);
  const simple = (caption: string, list: typeof added, side: 'before' | 'after') =>
    list.length === 0
      ? ''
      : Table({
          caption,
          captionClasses: 'govuk-table__caption--s',
          head: [{ text: 'Question' }, { text: 'Theme' }, { text: 'Key' }],
          rows: list.map((q) => {
            const place = side === 'after' ? q.afterPlace! : q.beforePlace!;
            return [
              { text: (side === 'after' ? q.after : q.before)!.text },
              { text: themeTitle(place.themeKey) },
              { text: q.key },
            ];
          }),
        });
  return (
    <>
      <h2 class="govuk-heading-m">Questions</h2>
      {simple(`Added questions (${added.length})`, added, 'after')}
      {simple(`Removed questions (${removed.length})`, removed, 'before')}
      {moved.length > 0
        ? Table({
            caption: `Moved questions (${moved.length})`,
            captionClasses: 'govuk-table__caption--s',
            head: [{ text: 'Question' }, { text: 'Was' }, { text: 'Now' }],
            rows: moved.map((q) => [
              { text: q.after!.text },
              { text: `${themeTitle(q.beforePlace!.themeKey)}, question ${q.beforePlace!.position}` },
              { text: `${themeTitle(q.afterPlace!.themeKey)}, question ${q.afterPlace!.position}` },
            ]),
          })
        : ''}
      {changed.length > 0 ? (
        <h3 class="govuk-heading-s" safe>{`Changed questions (${changed.length})`}</h3>
      ) : (
        ''
      )}
      {changed.map((q) =>
        SummaryList({
          card: {
            title: { text: `${themeTitle(q.afterPlace!.themeKey)}: ${q.after!.text}`, headingLevel: 4 },
          },
          rows: q.fields.map((f) => ({
            key: { text: fieldLabel(f).replace(/^./, (x) => x.toUpperCase()) },
            value: {
              html: beforeNow(
                f,
                (q.before as unknown as Record<string, unknown>)[f],
                (q.after as unknown as Record<string, unknown>)[f],
              ),
            },
          })),
        }),
      )}
      {added.length + removed.length + changed.length + moved.length === 0 ? (
        <p class="govuk-body">No question was added, removed, changed or moved.</p>
      ) : (
        ''
      )}
    </>
  );
}
