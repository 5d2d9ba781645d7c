import type { PageProgress } from '../lib/http-errors.ts';
import { Layout, type PageChrome } from './layout.tsx';

export function ErrorPage(props: {
  title: string;
  message: string;
  links?: Array<{ text: string; href: string }>;
  chrome?: PageChrome | undefined;
  /** Background work the page waits for: said, and kept up to date by the page's script. */
  progress?: PageProgress | undefined;
  /** More of the page, after the message (already rendered and escaped). */
  children?: JSX.Element | undefined;
}): JSX.Element {
  const safeMore = props.children ?? '';
  return (
    <Layout title={props.title} {...(props.chrome ?? {})}>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <h1 class="govuk-heading-l" safe>
            {props.title}
          </h1>
          <p class="govuk-body" safe>
            {props.message}
          </p>
          {props.progress ? (
            <p class="govuk-body" data-app-progress={props.progress.url}>
              <span data-app-progress-text aria-live="polite" safe>
                {props.progress.text}
              </span>
            </p>
          ) : (
            ''
          )}
          {(props.links ?? []).map((link) => (
            <p class="govuk-body">
              <a class="govuk-link" href={link.href} safe>
                {link.text}
              </a>
            </p>
          ))}
          {safeMore}
        </div>
      </div>
    </Layout>
  );
}
