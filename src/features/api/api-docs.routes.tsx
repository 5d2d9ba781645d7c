/** The API's page for people: how to get a token and call it, each route, and the OpenAPI document. */
import type { FastifyInstance } from 'fastify';
import { Table } from '../../views/govuk/table.tsx';
import { Layout } from '../../views/layout.tsx';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from './api-paging.ts';
import { loadOpenApi } from './openapi.ts';

export async function apiDocsRoutes(app: FastifyInstance): Promise<void> {
  const openApi = loadOpenApi();
  const routes = Object.entries(openApi.paths).map(([path, ops]) => ({
    path: `/api/v1${path}`,
    summary: ops.get?.summary ?? '',
  }));

  app.get('/api', async (request, reply) =>
    reply.html(
      <Layout title="The read-only API" {...(await request.chrome(reply))}>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-two-thirds">
            <h1 class="govuk-heading-l">The read-only API</h1>
            <p class="govuk-body">
              Partnerships’ analysts can read their audits from Power BI, Excel or their own tools: audit
              cycles, returns, every answer, theme ratings with moderated grades, and actions, as JSON.
            </p>
            <h2 class="govuk-heading-m">Get a token</h2>
            <p class="govuk-body">
              A partnership admin creates a token from their home page (API tokens), names it after the tool
              that uses it, and may give it an expiry date. The token is shown once. It reads that
              partnership’s data only, cannot change anything, and stops working when it is revoked or
              expires.
            </p>
            <h2 class="govuk-heading-m">Call the API</h2>
            <p class="govuk-body">
              Send the token in the <code>Authorization</code> header of every request:
            </p>
            <p class="govuk-body">
              <code>Authorization: Bearer s11_…</code>
            </p>
            <p class="govuk-body">
              {`Lists come a page at a time: add page and pageSize (at most ${MAX_PAGE_SIZE}, ${DEFAULT_PAGE_SIZE} by default) to the address. Each answer says how many items and pages there are and links to the next page.`}
            </p>
            <p class="govuk-body">
              Errors are JSON with a code and a message: 401 with no token or a token that is not recognised,
              revoked or expired; 403 for anything but reading; 404 for an audit your partnership does not
              take part in.
            </p>
            <p class="govuk-body">
              In Power BI, choose Get data, then Web, enter the address (for example of the answers of an
              audit) and add the <code>Authorization</code> header under Advanced.
            </p>
          </div>
        </div>
        <h2 class="govuk-heading-m">Addresses</h2>
        <Table
          caption="Addresses of the API"
          captionClasses="govuk-visually-hidden"
          firstCellIsHeader
          head={[{ text: 'Address' }, { text: 'What it gives' }]}
          rows={routes.map((r) => [{ text: `GET ${r.path}` }, { text: r.summary }])}
        />
        <p class="govuk-body">
          Every address, field and error is described in the{' '}
          <a class="govuk-link" href="/api/v1/openapi.json">
            OpenAPI 3.1 document
          </a>
          , which tools can read to set themselves up.
        </p>
      </Layout>,
    ),
  );
}
