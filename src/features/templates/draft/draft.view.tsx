/** The draft's overview: its details, grade descriptors and themes (add, move), and publishing. */

import type { FormErrors } from '../../../views/form-errors.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Button } from '../../../views/govuk/button.tsx';
import { SummaryList } from '../../../views/govuk/summary-list.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { appliesTo, Caption, Csrf, Notice, OrderedCard } from '../authoring/authoring.view.tsx';
import { themeBase } from '../authoring/paths.ts';
import type { EditableVersion } from '../draft-editing.repository.ts';
import { LIMITS } from '../draft-rules.ts';
import { type PartnershipRef, StatusTag, templatesBase, versionBase } from '../templates.view.tsx';

export const rows3 = (d: { red: string; amber: string; green: string }) => [
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
