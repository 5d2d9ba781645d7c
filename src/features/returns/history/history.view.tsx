import { formatDateTime } from '../../../lib/dates.ts';
import { BackLink } from '../../../views/govuk/back-link.tsx';
import { Pagination } from '../../../views/govuk/pagination.tsx';
import { Table } from '../../../views/govuk/table.tsx';
import { Layout, type PageChrome } from '../../../views/layout.tsx';
import { Heading } from '../record-heading.tsx';
import type { ReturnContext } from '../returns.repository.ts';

export interface HistoryItem {
  id: string;
  event: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
  note: string | null;
  createdAt: Date;
  userName: string | null;
}

export function HistoryPage(m: {
  chrome: PageChrome;
  ctx: ReturnContext;
  entries: HistoryItem[];
  page: number;
  pageCount: number;
  total: number;
}): JSX.Element {
  const { ctx } = m;
  const base = `/returns/${ctx.id}`;
  const value = (v: string | null) => (v === null || v === '' ? '(empty)' : v);
  return (
    <Layout
      title={`Change history – ${ctx.agencyName}`}
      {...m.chrome}
      beforeContent={<BackLink href={base} text="Back to the return" />}
    >
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-full">
          <Heading ctx={ctx} title="Change history" />
          <p class="govuk-body" safe>
            {`Every change to this return, newest first: who made it, when, and what it was before and after. ${m.total} change${m.total === 1 ? '' : 's'} in all.`}
          </p>
          {m.entries.length === 0 ? (
            <p class="govuk-body">No changes have been made yet.</p>
          ) : (
            <Table
              caption="Changes"
              captionClasses="govuk-visually-hidden"
              head={[
                { text: 'When' },
                { text: 'Who' },
                { text: 'What' },
                { text: 'Before' },
                { text: 'After' },
              ]}
              rows={m.entries.map((e) => [
                { text: formatDateTime(e.createdAt) },
                { text: e.userName ?? 'The system' },
                { text: e.field ?? e.event },
                { text: e.event === 'action_progress' ? '' : value(e.oldValue) },
                { text: e.note ? `${value(e.newValue)} (reason: ${e.note})` : value(e.newValue) },
              ])}
            />
          )}
          {m.pageCount > 1 ? (
            <Pagination
              previous={m.page > 1 ? { href: `${base}/history?page=${m.page - 1}` } : undefined}
              next={m.page < m.pageCount ? { href: `${base}/history?page=${m.page + 1}` } : undefined}
              items={Array.from({ length: m.pageCount }, (_, i) => ({
                number: i + 1,
                href: `${base}/history?page=${i + 1}`,
                current: i + 1 === m.page,
              }))}
            />
          ) : (
            ''
          )}
        </div>
      </div>
    </Layout>
  );
}
