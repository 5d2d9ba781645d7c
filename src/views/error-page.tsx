import { Layout, type PageChrome } from './layout.tsx';

export function ErrorPage(props: {
  title: string;
  message: string;
  links?: Array<{ text: string; href: string }>;
  chrome?: PageChrome | undefined;
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
