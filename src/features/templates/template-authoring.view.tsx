/**
 * Authoring a draft template in the browser: a new template, the draft's overview (its details,
 * grade descriptors and themes, with publishing), a theme's page (its details and questions), and
 * the forms for details, themes and questions, with confirmation before deleting.
 */
import { escapeHtml } from '@kitajs/html';
import { type FormErrors, fieldError } from '../../views/form-errors.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Checkboxes } from '../../views/govuk/checkboxes.tsx';
import { Input } from '../../views/govuk/input.tsx';
import { NotificationBanner } from '../../views/govuk/notification-banner.tsx';
import { Radios } from '../../views/govuk/radios.tsx';
import { SummaryList, type SummaryListOptions } from '../../views/govuk/summary-list.tsx';
import { Textarea } from '../../views/govuk/textarea.tsx';
import { WarningText } from '../../views/govuk/warning-text.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { toHtml } from '../../views/render.ts';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import type { DraftQuestion, DraftTheme, EditableVersion } from './draft-editing.repository.ts';
import {
  answersField,
  conditionAnswers,
  type DescriptorsState,
  type DetailsState,
  type EarlierQuestion,
  LIMITS,
  type NewTemplateState,
  optionField,
  optionRowsToShow,
  type QuestionState,
  type ThemeState,
} from './draft-forms.ts';
import { RESPONSE_SCALES } from './template-definition.ts';
import { type PartnershipRef, StatusTag, templatesBase, versionBase } from './templates.view.tsx';

export const editBase = (partnershipId: string, versionId: string) =>
  `${versionBase(partnershipId, versionId)}/edit`;
export const themeBase = (partnershipId: string, versionId: string, themeId: string) =>
  `${versionBase(partnershipId, versionId)}/themes/${themeId}`;
export const questionBase = (partnershipId: string, versionId: string, themeId: string, questionId: string) =>
  `${themeBase(partnershipId, versionId, themeId)}/questions/${questionId}`;

const SCALE_NAMES = new Map(RESPONSE_SCALES.map((s) => [s.value as string, s.label]));
export const scaleName = (scale: string) => SCALE_NAMES.get(scale) ?? scale;

const Csrf = (p: { token: string }) => <input type="hidden" name="_csrf" value={p.token} />;

const Caption = (p: { text: string }) => (
  <span class="govuk-caption-l" safe>
    {p.text}
  </span>
);

const Notice = (p: { notice?: string | undefined }) =>
  p.notice ? <NotificationBanner type="success" text={p.notice} /> : '';

/** A small form with one button: moving a theme or question up or down, with its name for screen readers. */
function MoveButton(p: { action: string; csrfToken: string; direction: 'up' | 'down'; name: string }) {
  return (
    <form method="post" action={p.action} class="app-inline-form" novalidate>
      <Csrf token={p.csrfToken} />
      <input type="hidden" name="direction" value={p.direction} />
      <Button
        html={`Move ${p.direction}<span class="govuk-visually-hidden"> ${escapeHtml(p.name)}</span>`}
        classes="govuk-button--secondary govuk-!-margin-bottom-0"
      />
    </form>
  );
}

/** A theme or question in its list: a summary card with its links, its details and buttons to move it. */
function OrderedCard(p: {
  id: string;
  title: string;
  /** Read out after each link and move button, e.g. "theme: Leadership". */
  name: string;
  links: Array<{ href: string; text: string }>;
  rows: SummaryListOptions['rows'];
  moveAction: string;
  csrfToken: string;
  first: boolean;
  last: boolean;
}): JSX.Element {
  const move = (direction: 'up' | 'down') => (
    <MoveButton action={p.moveAction} csrfToken={p.csrfToken} direction={direction} name={p.name} />
  );
  return (
    <div class="govuk-summary-card" id={p.id}>
      <div class="govuk-summary-card__title-wrapper">
        <h3 class="govuk-summary-card__title" safe>
          {p.title}
        </h3>
        <ul class="govuk-summary-card__actions">
          {p.links.map((l) => (
            <li class="govuk-summary-card__action">
              <a class="govuk-link" href={l.href}>
                {escapeHtml(l.text)}
                <span class="govuk-visually-hidden"> {escapeHtml(p.name)}</span>
              </a>
            </li>
          ))}
        </ul>
      </div>
      <div class="govuk-summary-card__content">
        {SummaryList({ rows: p.rows })}
        <div class="govuk-button-group govuk-!-margin-bottom-0">
          {p.first ? '' : move('up')}
          {p.last ? '' : move('down')}
        </div>
      </div>
    </div>
  );
}

function FormPage(p: {
  chrome: PageChrome;
  title: string;
  caption: string;
  back: { href: string; text: string };
  errors?: FormErrors | undefined;
  action: string;
  csrfToken: string;
  submit: string;
  children: JSX.Element | JSX.Element[];
}): JSX.Element {
  // Children are rendered elements, escaped where they were built.
  const safeChildren = p.children;
  return (
    <Layout title={p.title} {...p.chrome} errors={p.errors} beforeContent={<BackLink {...p.back} />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Caption text={p.caption} />
          <h1 class="govuk-heading-l" safe>
            {p.title}
          </h1>
          <form method="post" action={p.action} novalidate>
            <Csrf token={p.csrfToken} />
            {safeChildren}
            <Button text={p.submit} attributes={{ 'data-prevent-double-click': 'true' }} />
          </form>
        </div>
      </div>
    </Layout>
  );
}

/** The optional key of a template, theme or question. */
const KeyField = (p: { value: string; errors?: FormErrors | undefined }) => (
  <Input
    name="key"
    label={{ text: 'Key (optional)', classes: 'govuk-label--s' }}
    hint={{ text: KEY_HINT }}
    classes="govuk-input--width-20"
    spellcheck={false}
    value={p.value}
    errorMessage={fieldError(p.errors, 'key')}
  />
);

const KEY_HINT =
  'A short identifier that stays the same in later versions, so answers can be matched. Lowercase letters, numbers and hyphens. Leave blank to make one from the title.';

export function NewTemplatePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  state: NewTemplateState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const base = templatesBase(m.partnership.id);
  return (
    <FormPage
      chrome={m.chrome}
      title="Create a template"
      caption={m.partnership.name}
      back={{ href: base, text: 'Templates' }}
      errors={m.errors}
      action={`${base}/new`}
      csrfToken={m.csrfToken}
      submit="Create draft"
    >
      <p class="govuk-body">
        The template starts as an empty draft. Add its themes and questions, preview them, then publish it.
      </p>
      <Input
        name="name"
        label={{ text: 'Name', classes: 'govuk-label--s' }}
        hint={{ text: 'For example, Section 11 self-assessment 2027' }}
        value={m.state.name}
        errorMessage={fieldError(m.errors, 'name')}
      />
      <KeyField value={m.state.key} errors={m.errors} />
      <Textarea
        name="description"
        label={{ text: 'Description (optional)', classes: 'govuk-label--s' }}
        hint={{ text: 'Who the template is for and what it covers.' }}
        value={m.state.description}
        errorMessage={fieldError(m.errors, 'description')}
      />
    </FormPage>
  );
}

const rows3 = (d: { red: string; amber: string; green: string }) => [
  { key: { text: 'Red' }, value: { text: d.red } },
  { key: { text: 'Amber' }, value: { text: d.amber } },
  { key: { text: 'Green' }, value: { text: d.green } },
];

/** The draft's overview: its details, grade descriptors and themes, and publishing. */
export function DraftEditorPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  draft: EditableVersion;
  localityNames: ReadonlyMap<string, string>;
  notice?: string | undefined;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const d = m.draft;
  const pid = m.partnership.id;
  const version = versionBase(pid, d.id);
  const title = `${d.templateName}, version ${d.version}`;
  return (
    <Layout
      title={`Edit ${title}`}
      {...m.chrome}
      errors={m.errors}
      beforeContent={<BackLink href={templatesBase(pid)} text="Templates" />}
    >
      <Notice notice={m.notice} />
      <Caption text={m.partnership.name} />
      <h1 class="govuk-heading-l" safe>
        {title}
      </h1>
      <p class="govuk-body">
        <StatusTag status={d.status} />
      </p>
      <p class="govuk-body">
        This draft can be changed until it is published. Preview each theme as agencies will see it, then
        publish the draft to offer it for new audits; a published version never changes again.
      </p>
      <h2 class="govuk-heading-m" id="details">
        Details
      </h2>
      {SummaryList({
        rows: [
          {
            key: { text: 'Name' },
            value: { text: d.templateName },
            actions: {
              items: [
                { href: `${version}/details`, text: 'Change', visuallyHiddenText: 'details and grades' },
              ],
            },
          },
          { key: { text: 'Key' }, value: { text: d.templateKey } },
          { key: { text: 'Description' }, value: { text: d.templateDescription || 'None' } },
          ...rows3(d.gradeDescriptors).map((r) => ({ ...r, key: { text: `${r.key.text} means` } })),
        ],
      })}
      <h2 class="govuk-heading-m" id="themes">
        Themes
      </h2>
      {d.themes.length === 0 ? <p class="govuk-body">This draft has no themes yet.</p> : ''}
      {d.themes.map((t, i) => (
        <OrderedCard
          id={`theme-${i + 1}`}
          title={`${i + 1}. ${t.title}`}
          name={`theme: ${t.title}`}
          links={[
            { href: themeBase(pid, d.id, t.id), text: 'Edit' },
            { href: `${themeBase(pid, d.id, t.id)}/preview`, text: 'Preview' },
          ]}
          rows={[
            {
              key: { text: 'Questions' },
              value: { text: t.questions.length === 0 ? 'None yet' : String(t.questions.length) },
            },
            { key: { text: 'Applies to' }, value: { text: appliesTo(t, m.localityNames) } },
          ]}
          moveAction={`${themeBase(pid, d.id, t.id)}/move`}
          csrfToken={m.csrfToken}
          first={i === 0}
          last={i === d.themes.length - 1}
        />
      ))}
      {d.themes.length < LIMITS.themes ? (
        <Button text="Add a theme" href={`${version}/themes/new`} classes="govuk-button--secondary" />
      ) : (
        <p class="govuk-body" safe>{`A template can have at most ${LIMITS.themes} themes.`}</p>
      )}
      <h2 class="govuk-heading-m">Publish</h2>
      <p class="govuk-body">
        Publishing checks that every theme has at least one question, that scales with named levels have them,
        and that each condition points at an earlier question.
      </p>
      <div class="govuk-button-group">
        <form method="post" action={`${version}/publish`} novalidate>
          <Csrf token={m.csrfToken} />
          <Button text="Publish" />
        </form>
        <a class="govuk-link" href={version}>
          See the whole draft on one page
        </a>
      </div>
    </Layout>
  );
}

export function appliesTo(
  t: Pick<DraftTheme, 'localityIds' | 'sectors'>,
  localityNames: ReadonlyMap<string, string>,
) {
  const places = t.localityIds.length
    ? `Agencies serving ${t.localityIds.map((id) => localityNames.get(id) ?? 'a removed locality').join(', ')}`
    : 'Agencies in every locality';
  const sectors = t.sectors.length
    ? `; sectors: ${t.sectors.map((s) => SECTOR_NAMES.get(s) ?? s).join(', ')}`
    : '; every sector';
  return places + sectors;
}

const SECTOR_NAMES = new Map<string, string>(Object.entries(SECTOR_LABELS));

function DescriptorFields(p: { state: DescriptorsState; errors?: FormErrors | undefined; prefix?: string }) {
  return (
    <>
      {(['red', 'amber', 'green'] as const).map((rag) => {
        const name = p.prefix ? `${p.prefix}-${rag}` : rag;
        const label = { red: 'Red', amber: 'Amber', green: 'Green' }[rag];
        return (
          <Textarea
            name={name}
            rows={2}
            label={{ text: `What ${label} means`, classes: 'govuk-label--s' }}
            value={p.state[rag]}
            errorMessage={fieldError(p.errors, name)}
          />
        );
      })}
    </>
  );
}

export function DetailsFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  draft: EditableVersion;
  state: DetailsState;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const d = m.draft;
  const version = versionBase(m.partnership.id, d.id);
  return (
    <FormPage
      chrome={m.chrome}
      title="Details and grades"
      caption={`${d.templateName}, version ${d.version}`}
      back={{ href: editBase(m.partnership.id, d.id), text: 'Back to the draft' }}
      errors={m.errors}
      action={`${version}/details`}
      csrfToken={m.csrfToken}
      submit="Save"
    >
      {d.otherVersions === 0 ? (
        <>
          <Input
            name="name"
            label={{ text: 'Name', classes: 'govuk-label--s' }}
            value={m.state.name}
            errorMessage={fieldError(m.errors, 'name')}
          />
          <Textarea
            name="description"
            label={{ text: 'Description (optional)', classes: 'govuk-label--s' }}
            value={m.state.description}
            errorMessage={fieldError(m.errors, 'description')}
          />
        </>
      ) : (
        <div class="govuk-inset-text">
          <p class="govuk-body" safe>{`Name: ${d.templateName}`}</p>
          <p class="govuk-body">
            The name and description are shared by every version of this template, and a published version
            never changes, so they stay as they are. To use a new name, create a new template.
          </p>
        </div>
      )}
      <h2 class="govuk-heading-m">Grade descriptors</h2>
      <p class="govuk-body">
        Agencies read these when they rate each theme Red, Amber or Green. A theme can have its own.
      </p>
      <DescriptorFields state={m.state} errors={m.errors} />
    </FormPage>
  );
}

export function ThemeFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  draft: EditableVersion;
  theme: DraftTheme | null;
  state: ThemeState;
  localities: ReadonlyArray<{ id: string; name: string }>;
  sectors: ReadonlyArray<{ value: string; text: string }>;
  errors?: FormErrors | undefined;
}): JSX.Element {
  const d = m.draft;
  const pid = m.partnership.id;
  const s = m.state;
  const action = m.theme
    ? `${themeBase(pid, d.id, m.theme.id)}/edit`
    : `${versionBase(pid, d.id)}/themes/new`;
  const back = m.theme
    ? { href: themeBase(pid, d.id, m.theme.id), text: 'Back to the theme' }
    : { href: editBase(pid, d.id), text: 'Back to the draft' };
  return (
    <FormPage
      chrome={m.chrome}
      title={m.theme ? 'Change the theme' : 'Add a theme'}
      caption={`${d.templateName}, version ${d.version}`}
      back={back}
      errors={m.errors}
      action={action}
      csrfToken={m.csrfToken}
      submit={m.theme ? 'Save theme' : 'Add theme'}
    >
      <Input
        name="title"
        label={{ text: 'Title', classes: 'govuk-label--s' }}
        hint={{ text: 'For example, Safer recruitment' }}
        value={s.title}
        errorMessage={fieldError(m.errors, 'title')}
      />
      <KeyField value={s.key} errors={m.errors} />
      <Textarea
        name="description"
        rows={3}
        label={{ text: 'Description (optional)', classes: 'govuk-label--s' }}
        hint={{ text: 'One or two sentences: what this theme is about.' }}
        value={s.description}
        errorMessage={fieldError(m.errors, 'description')}
      />
      <Textarea
        name="guidance"
        rows={6}
        label={{ text: 'Guidance (optional)', classes: 'govuk-label--s' }}
        hint={{
          text: 'Shown at the top of the theme page: what good looks like, and the evidence that shows it.',
        }}
        value={s.guidance}
        errorMessage={fieldError(m.errors, 'guidance')}
      />
      <Checkboxes
        name="localities"
        fieldset={{ legend: { text: 'Localities (optional)', classes: 'govuk-fieldset__legend--s' } }}
        hint={{ text: 'Ask only agencies serving one of these localities. Tick none for every locality.' }}
        errorMessage={fieldError(m.errors, 'localities')}
        classes="govuk-checkboxes--small"
        items={m.localities.map((l) => ({
          value: l.id,
          text: l.name,
          checked: s.localityIds.includes(l.id),
        }))}
      />
      <Checkboxes
        name="sectors"
        fieldset={{ legend: { text: 'Sectors (optional)', classes: 'govuk-fieldset__legend--s' } }}
        hint={{ text: 'Ask only agencies in one of these sectors. Tick none for every sector.' }}
        errorMessage={fieldError(m.errors, 'sectors')}
        classes="govuk-checkboxes--small"
        items={m.sectors.map((x) => ({ value: x.value, text: x.text, checked: s.sectors.includes(x.value) }))}
      />
      <Radios
        name="ownDescriptors"
        fieldset={{
          legend: {
            text: 'Does this theme have its own grade descriptors?',
            classes: 'govuk-fieldset__legend--s',
          },
        }}
        hint={{ text: 'Otherwise the template’s descriptors apply.' }}
        errorMessage={fieldError(m.errors, 'ownDescriptors')}
        items={[
          { value: 'no', text: 'No, use the template’s', checked: s.ownDescriptors !== 'yes' },
          {
            value: 'yes',
            text: 'Yes',
            checked: s.ownDescriptors === 'yes',
            conditional: {
              html: toHtml(<DescriptorFields state={s.descriptors} errors={m.errors} prefix="theme" />),
            },
          },
        ]}
      />
    </FormPage>
  );
}

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

export function QuestionFormPage(m: {
  chrome: PageChrome;
  csrfToken: string;
  partnership: PartnershipRef;
  draft: EditableVersion;
  theme: DraftTheme;
  question: DraftQuestion | null;
  number: number;
  state: QuestionState;
  earlier: readonly EarlierQuestion[];
  errors?: FormErrors | undefined;
}): JSX.Element {
  const d = m.draft;
  const pid = m.partnership.id;
  const s = m.state;
  const action = m.question
    ? questionBase(pid, d.id, m.theme.id, m.question.id)
    : `${themeBase(pid, d.id, m.theme.id)}/questions/new`;
  const withOptions = RESPONSE_SCALES.filter((x) => x.hasOptions);
  const rows = optionRowsToShow(s.options);
  return (
    <FormPage
      chrome={m.chrome}
      title={m.question ? `Change question ${m.number}` : 'Add a question'}
      caption={m.theme.title}
      back={{ href: themeBase(pid, d.id, m.theme.id), text: 'Back to the theme' }}
      errors={m.errors}
      action={action}
      csrfToken={m.csrfToken}
      submit={m.question ? 'Save question' : 'Add question'}
    >
      {withOptions.length > 0 ? (
        // Pressing Enter in a field submits with the form's first button: let it be saving, not
        // removing an option row.
        <button type="submit" hidden>
          {m.question ? 'Save question' : 'Add question'}
        </button>
      ) : (
        ''
      )}
      <Textarea
        name="text"
        rows={3}
        label={{ text: 'Question or statement', classes: 'govuk-label--s' }}
        hint={{
          text: 'In the agency’s voice where it is a statement, for example “We have a safeguarding lead”.',
        }}
        value={s.text}
        errorMessage={fieldError(m.errors, 'text')}
      />
      <KeyField value={s.key} errors={m.errors} />
      <Textarea
        name="guidance"
        rows={4}
        label={{ text: 'Guidance (optional)', classes: 'govuk-label--s' }}
        hint={{ text: 'What a good answer looks like.' }}
        value={s.guidance}
        errorMessage={fieldError(m.errors, 'guidance')}
      />
      <Radios
        name="scale"
        fieldset={{ legend: { text: 'How is it answered?', classes: 'govuk-fieldset__legend--s' } }}
        errorMessage={fieldError(m.errors, 'scale')}
        items={RESPONSE_SCALES.map((x) => ({
          value: x.value,
          text: x.label,
          checked: s.scale === x.value,
          hint: x.hasOptions ? { text: 'You name the levels or choices below.' } : undefined,
        }))}
      />
      {withOptions.length > 0 ? (
        <div data-app-reveal-for="scale" data-app-reveal-when={withOptions.map((x) => x.value).join(' ')}>
          <fieldset class="govuk-fieldset" aria-describedby="options-hint">
            <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Levels or choices</legend>
            <div class="govuk-hint" id="options-hint" safe>
              {`Only for ${withOptions
                .map(
                  (x) =>
                    `${x.label} (${x.options?.exactly ? `exactly ${x.options.exactly}` : `at least ${x.options?.atLeast ?? 2}`})`,
                )
                .join(', ')}. Blank rows are ignored.`}
            </div>
            {fieldError(m.errors, 'options') ? (
              <p class="govuk-error-message">
                <span class="govuk-visually-hidden">Error:</span>{' '}
                {escapeHtml(fieldError(m.errors, 'options')!.text)}
              </p>
            ) : (
              ''
            )}
            <input type="hidden" name="optionRows" value={String(rows.length)} />
            {rows.map((o, i) => (
              <div class="app-option-row govuk-!-margin-bottom-6">
                <h2 class="govuk-heading-s govuk-!-margin-bottom-2" safe>{`Option ${i + 1}`}</h2>
                <Input
                  name={optionField(i, 'label')}
                  label={{ text: `Label of option ${i + 1}` }}
                  value={o.label}
                  errorMessage={fieldError(m.errors, optionField(i, 'label'))}
                />
                <Input
                  name={optionField(i, 'key')}
                  label={{ text: `Key of option ${i + 1} (optional)` }}
                  classes="govuk-input--width-20"
                  spellcheck={false}
                  value={o.key}
                  errorMessage={fieldError(m.errors, optionField(i, 'key'))}
                />
                <Checkboxes
                  name={`option-${i}-flags`}
                  idPrefix={`option-${i}-flags`}
                  classes="govuk-checkboxes--small"
                  fieldset={{ legend: { text: `Option ${i + 1}`, classes: 'govuk-visually-hidden' } }}
                  items={[
                    { name: optionField(i, 'met'), value: 'yes', text: 'Counts as met', checked: o.met },
                    {
                      name: optionField(i, 'action'),
                      value: 'yes',
                      text: 'Needs an area for development (an action)',
                      checked: o.action,
                    },
                  ]}
                />
                <Button
                  html={`Remove<span class="govuk-visually-hidden"> option ${i + 1}</span>`}
                  name="intent"
                  value={`remove-option-${i}`}
                  classes="govuk-button--secondary govuk-!-margin-bottom-0"
                />
              </div>
            ))}
            {rows.length < LIMITS.options ? (
              <Button
                text="Add another option"
                name="intent"
                value="add-option"
                classes="govuk-button--secondary"
              />
            ) : (
              ''
            )}
          </fieldset>
        </div>
      ) : (
        ''
      )}
      <Radios
        name="required"
        classes="govuk-radios--inline"
        fieldset={{ legend: { text: 'Must agencies answer it?', classes: 'govuk-fieldset__legend--s' } }}
        hint={{ text: 'An optional question may be left unanswered without counting as Red.' }}
        errorMessage={fieldError(m.errors, 'required')}
        items={[
          { value: 'yes', text: 'Yes, required', checked: s.required === 'yes' },
          { value: 'no', text: 'No, optional', checked: s.required === 'no' },
        ]}
      />
      <Textarea
        name="evidencePrompt"
        rows={2}
        label={{ text: 'Evidence prompt (optional)', classes: 'govuk-label--s' }}
        hint={{ text: 'Examples of evidence the agency might reference.' }}
        value={s.evidencePrompt}
        errorMessage={fieldError(m.errors, 'evidencePrompt')}
      />
      <Input
        name="weight"
        label={{ text: 'Weight in scores', classes: 'govuk-label--s' }}
        hint={{ text: `A whole number from 0 to ${LIMITS.weight}. Usually 1; 0 leaves it out of scores.` }}
        classes="govuk-input--width-2"
        inputmode="numeric"
        value={s.weight}
        errorMessage={fieldError(m.errors, 'weight')}
      />
      <Radios
        name="showWhen"
        fieldset={{ legend: { text: 'When is it shown?', classes: 'govuk-fieldset__legend--s' } }}
        hint={{
          text:
            m.earlier.length === 0
              ? 'A question can depend on the answer to an earlier question of this theme. There is none to choose yet.'
              : 'A question can depend on the answer to an earlier question of this theme.',
        }}
        errorMessage={fieldError(m.errors, 'showWhen')}
        items={[
          { value: '', text: 'Always', checked: s.showWhen === '' },
          ...m.earlier.map((q) => ({
            value: q.id,
            text: `Only when question ${q.number} has certain answers`,
            hint: { text: q.text },
            checked: s.showWhen === q.id,
            conditional: {
              html: toHtml(
                <Checkboxes
                  name={answersField(q.id)}
                  classes="govuk-checkboxes--small"
                  fieldset={{ legend: { text: `Show it when question ${q.number} is` } }}
                  errorMessage={fieldError(m.errors, answersField(q.id))}
                  items={q.answers.map((a) => ({
                    value: a.value,
                    text: a.label,
                    checked: (s.showWhenAnswers[q.id] ?? []).includes(a.value),
                  }))}
                />,
              ),
            },
          })),
        ]}
      />
    </FormPage>
  );
}

/** Asks before deleting a theme or a question. */
export function ConfirmDeletePage(m: {
  chrome: PageChrome;
  csrfToken: string;
  caption: string;
  title: string;
  what: string;
  consequences: string[];
  action: string;
  back: string;
}): JSX.Element {
  return (
    <Layout title={m.title} {...m.chrome} beforeContent={<BackLink href={m.back} text="Back" />}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <Caption text={m.caption} />
          <h1 class="govuk-heading-l" safe>
            {m.title}
          </h1>
          <p class="govuk-body" safe>
            {m.what}
          </p>
          {m.consequences.map((c) => (
            <WarningText text={c} />
          ))}
          <form method="post" action={m.action} novalidate>
            <Csrf token={m.csrfToken} />
            <div class="govuk-button-group">
              <Button text="Yes, delete it" classes="govuk-button--warning" />
              <a class="govuk-link" href={m.back}>
                No, keep it
              </a>
            </div>
          </form>
        </div>
      </div>
    </Layout>
  );
}
