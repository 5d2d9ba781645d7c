/** A theme of the draft: its details, its questions (change, move, delete) and adding one. */
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { appliesTo, Caption, Notice, OrderedCard, scaleName } from '../authoring/authoring.view.tsx';
import { editBase, questionBase, themeBase } from '../authoring/paths.ts';
import type { DraftQuestion, DraftTheme, EditableVersion } from '../draft-editing.repository.ts';
import { conditionAnswers, LIMITS } from '../draft-rules.ts';
import type { PartnershipRef } from '../templates.view.tsx';

/** A theme of the draft: its details, its questions (change, move, delete) and adding one. */
export function ThemeEditorPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  draft: EditableVersion;
  theme: DraftTheme;
  number: number;
  localityNames: ReadonlyMap<string, string>;
  notice?: string | undefined;
}): JSX.Element {
  const d = m.draft;
  const t = m.theme;
  const pid = m.partnership.id;
  const base = themeBase(pid, d.id, t.id);
  const numberOf = new Map(t.questions.map((q, i) => [q.id, i + 1]));
  return (
    <Layout
      title={`Theme ${m.number}: ${t.title}`}
      {...m.chrome}
      beforeContent={<BackLink href={editBase(pid, d.id)} text="Back to the draft" />}
    >
      <Notice notice={m.notice} />
      <Caption text={`${d.templateName}, version ${d.version} · theme ${m.number} of ${d.themes.length}`} />
      <h1 class="govuk-heading-l" safe>
        {t.title}
      </h1>
      <div class="govuk-button-group">
        <a class="govuk-link" href={`${base}/preview`}>
          Preview this theme as agencies will see it
        </a>
      </div>
      {SummaryList({
        card: {
          title: { text: 'Theme details' },
          actions: { items: [{ href: `${base}/edit`, text: 'Change', visuallyHiddenText: 'theme details' }] },
        },
        rows: [
          { key: { text: 'Key' }, value: { text: t.key } },
          { key: { text: 'Description' }, value: { text: t.description || 'None' } },
          { key: { text: 'Guidance' }, value: { text: t.guidance || 'None', classes: 'app-pre-wrap' } },
          { key: { text: 'Applies to' }, value: { text: appliesTo(t, m.localityNames) } },
          {
            key: { text: 'Grade descriptors' },
            value: {
              text: t.gradeDescriptors
                ? `Red: ${t.gradeDescriptors.red} Amber: ${t.gradeDescriptors.amber} Green: ${t.gradeDescriptors.green}`
                : 'The template’s',
            },
          },
        ],
      })}
      <h2 class="govuk-heading-m">Questions</h2>
      {t.questions.length === 0 ? (
        <p class="govuk-body">
          This theme has no questions yet. A theme needs at least one before publishing.
        </p>
      ) : (
        ''
      )}
      {t.questions.map((q, i) => (
        <OrderedCard
          id={`question-${i + 1}`}
          title={`${i + 1}. ${q.text}`}
          name={`question ${i + 1}`}
          links={[
            { href: questionBase(pid, d.id, t.id, q.id), text: 'Change' },
            { href: `${questionBase(pid, d.id, t.id, q.id)}/delete`, text: 'Delete' },
          ]}
          rows={questionRows(q, numberOf, t)}
          moveAction={`${questionBase(pid, d.id, t.id, q.id)}/move`}
          csrfToken={m.csrfToken}
          first={i === 0}
          last={i === t.questions.length - 1}
        />
      ))}
      <div class="govuk-button-group">
        {t.questions.length < LIMITS.questions ? (
          <Button text="Add a question" href={`${base}/questions/new`} classes="govuk-button--secondary" />
        ) : (
          <p class="govuk-body" safe>{`A theme can have at most ${LIMITS.questions} questions.`}</p>
        )}
        <Button text="Delete theme" href={`${base}/delete`} classes="govuk-button--warning" />
      </div>
    </Layout>
  );
}

function questionRows(q: DraftQuestion, numberOf: ReadonlyMap<string, number>, t: DraftTheme) {
  const target = q.showWhen ? t.questions.find((x) => x.id === q.showWhen!.questionId) : undefined;
  const answers = target ? conditionAnswers(target) : [];
  const answerLabel = (value: string) => answers.find((a) => a.value === value)?.label ?? value;
  return [
    { key: { text: 'Key' }, value: { text: q.key } },
    { key: { text: 'Answer' }, value: { text: scaleName(q.scale) } },
    q.options.length > 0 && {
      key: { text: 'Options' },
      value: {
        text: q.options
          .map((o) => `${o.label}${o.met ? ' (counts as met)' : ''}${o.action ? ' (needs an action)' : ''}`)
          .join('; '),
      },
    },
    { key: { text: 'Required' }, value: { text: q.required ? 'Yes' : 'No, optional' } },
    { key: { text: 'Weight' }, value: { text: String(q.weight) } },
    q.showWhen && {
      key: { text: 'Shown' },
      value: {
        text: `Only when question ${numberOf.get(q.showWhen.questionId) ?? '?'} is ${q.showWhen.answers.map(answerLabel).join(' or ')}`,
      },
    },
    q.guidance !== '' && { key: { text: 'Guidance' }, value: { text: q.guidance } },
    q.evidencePrompt !== '' && { key: { text: 'Evidence' }, value: { text: q.evidencePrompt } },
  ];
}
