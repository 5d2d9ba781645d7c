/** A template's grades, themes and questions, read-only: on a version page and in the library. */
import type { AgencySector } from '../../db/schema.ts';
import { SummaryList } from '../../views/govuk/summary-list.tsx';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import {
  type QuestionDefinition,
  responseScale,
  type TemplateDefinition,
  type ThemeDefinition,
} from './template-definition.ts';

/** The labels of the options that count as met, or that ask for an action. */
function optionLabels(q: QuestionDefinition, flag: 'met' | 'action'): string {
  return (
    (q.options ?? [])
      .filter((o) => o[flag])
      .map((o) => o.label)
      .join(', ') || 'None'
  );
}

/** When a conditional question is asked: "Question 2 is answered Yes or N/A". */
function conditionDescription(q: QuestionDefinition, theme: ThemeDefinition): string {
  const when = q.showWhen!;
  const j = theme.questions.findIndex((p) => p.key === when.questionKey);
  const parent = theme.questions[j];
  if (!parent) return when.answers.join(', ');
  const offered = responseScale(parent.scale).fixed ?? parent.options ?? [];
  const labels = offered.filter((o) => when.answers.includes(o.key)).map((o) => o.label);
  return `Question ${j + 1} is answered ${labels.join(' or ')}`;
}

/** How a question is answered, for the version page: the scale, its options, and optional. */
function answerDescription(q: QuestionDefinition): string {
  const scale = responseScale(q.scale);
  const options = q.options?.length ? `: ${q.options.map((o) => o.label).join(', ')}` : '';
  return `${scale.label}${options}${q.required === false ? ' (optional)' : ''}`;
}

/** A template's grades, themes and questions, read-only. */
export function DefinitionDetails({
  definition,
  themePreviewHref,
}: {
  definition: TemplateDefinition;
  /** Where theme `i` is previewed as agencies will see it, for a version of the partnership. */
  themePreviewHref?: (i: number) => string;
}): JSX.Element {
  return (
    <>
      <h2 class="govuk-heading-m">Grades</h2>
      {SummaryList({
        rows: [
          { key: { text: 'Red' }, value: { text: definition.gradeDescriptors.red } },
          { key: { text: 'Amber' }, value: { text: definition.gradeDescriptors.amber } },
          { key: { text: 'Green' }, value: { text: definition.gradeDescriptors.green } },
        ],
      })}
      {definition.themes.map((t, i) => (
        <>
          <h2 class="govuk-heading-m" safe>{`${i + 1}. ${t.title}`}</h2>
          {themePreviewHref ? (
            <p class="govuk-body">
              <a class="govuk-link" href={themePreviewHref(i)}>
                Preview as agencies will see it<span class="govuk-visually-hidden">: theme {i + 1}</span>
              </a>
            </p>
          ) : (
            ''
          )}
          {t.description ? (
            <p class="govuk-body" safe>
              {t.description}
            </p>
          ) : (
            ''
          )}
          {t.guidance ? (
            <div class="govuk-inset-text" safe>
              {t.guidance}
            </div>
          ) : (
            ''
          )}
          {t.sectors?.length ? (
            <p class="govuk-body" safe>
              {`Only for agencies in these sectors: ${t.sectors.map((s) => SECTOR_LABELS[s as AgencySector] ?? s).join('; ')}.`}
            </p>
          ) : (
            ''
          )}
          {t.localities?.length ? (
            <p class="govuk-body" safe>
              {`Only for agencies serving these localities: ${t.localities.join('; ')}.`}
            </p>
          ) : (
            ''
          )}
          {t.questions.map((q, j) =>
            SummaryList({
              card: { title: { text: `${i + 1}.${j + 1} ${q.text}`, headingLevel: 3 } },
              rows: [
                { key: { text: 'Answer' }, value: { text: answerDescription(q) } },
                (q.options?.length ?? 0) > 0 && {
                  key: { text: 'Counts as met' },
                  value: { text: optionLabels(q, 'met') },
                },
                (q.options?.length ?? 0) > 0 && {
                  key: { text: 'Asks for an action' },
                  value: { text: optionLabels(q, 'action') },
                },
                q.showWhen && {
                  key: { text: 'Asked only when' },
                  value: { text: conditionDescription(q, t) },
                },
                q.weight !== undefined &&
                  q.weight !== 1 && {
                    key: { text: 'Weight in scores' },
                    value: { text: q.weight === 0 ? '0 (not scored)' : String(q.weight) },
                  },
                q.guidance !== '' && { key: { text: 'Guidance' }, value: { text: q.guidance } },
                q.evidencePrompt !== '' && { key: { text: 'Evidence' }, value: { text: q.evidencePrompt } },
              ],
            }),
          )}
        </>
      ))}
    </>
  );
}
