/** A cycle's results page: every figure across agencies, with filters that apply to all of them. */
import { escapeHtml } from '@kitajs/html';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDate } from '../../lib/dates.ts';
import { plural } from '../../lib/words.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Button } from '../../views/govuk/button.tsx';
import { Select } from '../../views/govuk/select.tsx';
import { Layout, type PageChrome } from '../../views/layout.tsx';
import { LocalityFilter, SectorFilter } from '../cycles/cycle-filters.view.tsx';
import { CalibrationTable, DistributionSection, GroupDistributions } from './figures/grades.view.tsx';
import { ParticipationSummary } from './figures/participation.view.tsx';
import { WeakQuestionsTable } from './figures/questions-actions.view.tsx';
import type { EarlierCycle } from './results.repository.ts';
import type { ResultsFigures } from './results.ts';
import {
  PagedComparison,
  PagedHeatmap,
  PagedOverdueActions,
  PagedParticipation,
  type TablePages,
} from './results-paged.view.tsx';
import {
  describeFilters,
  GRADE_VIEW_LABELS,
  GRADE_VIEWS,
  isFiltered,
  type ResultsQuery,
  resultsQueryString,
} from './results-query.ts';

export function ResultsPage(m: {
  chrome: PageChrome;
  cycle: CycleInfo;
  figures: ResultsFigures;
  query: ResultsQuery;
  /** Every invited agency the viewer sees, before filters. */
  invited: number;
  sectors: string[];
  earlier: EarlierCycle[];
  /** The page shown of each table with a row per agency. */
  pages: TablePages;
}): JSX.Element {
  const { cycle, figures, query } = m;
  const base = `/cycles/${cycle.id}/results`;
  const filtered = isFiltered(query);
  const qs = resultsQueryString(query);
  const filterWords = describeFilters(query, cycle.localities);
  return (
    <Layout
      title={`${cycle.name} – results`}
      {...m.chrome}
      beforeContent={<BackLink href={`/cycles/${cycle.id}`} text="Back to the audit’s returns" />}
    >
      <span class="govuk-caption-l" safe>
        {cycle.partnershipName}
      </span>
      <h1 class="govuk-heading-l" safe>
        {`Results: ${cycle.name}`}
      </h1>
      <p class="govuk-body">
        Grades are counted from submitted returns. Where the partnership has moderated a theme, its moderated
        grade counts; otherwise the agency’s own grade (Red where questions were left unanswered).
      </p>
      {cycle.viewerPartnershipId !== cycle.partnershipId ? (
        <p class="govuk-body" safe>
          {`This is a joint audit run by ${cycle.partnershipName}: you see the returns of your own member agencies only.`}
        </p>
      ) : (
        ''
      )}
      <ul class="govuk-list">
        <li>
          <a class="govuk-link" href={`/cycles/${cycle.id}/report`}>
            Findings report
          </a>
        </li>
        <li>
          <a class="govuk-link" href={`/cycles/${cycle.id}/results.xlsx${qs}`}>
            Download these figures as a spreadsheet (XLSX)
          </a>
        </li>
      </ul>

      <form method="get" action={base} class="app-filters" novalidate>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">
            <LocalityFilter localities={cycle.localities} value={query.locality} />
          </div>
          <div class="govuk-grid-column-one-third">
            <SectorFilter sectors={m.sectors} value={query.sector} />
          </div>
          <div class="govuk-grid-column-one-third">
            <Select
              name="basis"
              label={{ text: 'Statutory or voluntary' }}
              value={query.basis ?? ''}
              items={[
                { value: '', text: 'All agencies' },
                { value: 'statutory', text: 'Section 11 applies by law' },
                { value: 'voluntary', text: 'Taking part voluntarily' },
              ]}
            />
          </div>
        </div>
        <div class="govuk-grid-row">
          <div class="govuk-grid-column-one-third">
            <Select
              name="grades"
              label={{ text: 'Grades in the heatmap' }}
              value={query.grades}
              items={GRADE_VIEWS.map((g) => ({ value: g, text: GRADE_VIEW_LABELS[g] }))}
            />
          </div>
          <div class="govuk-grid-column-one-third">
            {m.earlier.length ? (
              <Select
                name="compare"
                label={{ text: 'Compare with' }}
                value={figures.comparison?.cycleId ?? ''}
                items={m.earlier.map((c, i) => ({
                  value: c.id,
                  text: `${c.name} (opened ${formatDate(c.opensAt)})${i === 0 ? ', the most recent' : ''}`,
                }))}
              />
            ) : (
              ''
            )}
          </div>
          <div class="govuk-grid-column-one-third app-filters__actions">
            <Button text="Apply" classes="govuk-button--secondary" />
          </div>
        </div>
      </form>
      <p class="govuk-body" safe>
        {`${figures.agencyCount} of ${plural(m.invited, 'invited agency', 'invited agencies')}${filtered ? ` (filtered: ${filterWords.join(', ')})` : ''}.`}
      </p>
      {filtered ? (
        <p class="govuk-body">
          <a
            class="govuk-link"
            href={`${base}${resultsQueryString({ grades: query.grades, compare: query.compare })}`}
          >
            Clear filters
          </a>
        </p>
      ) : (
        ''
      )}

      <h2 class="govuk-heading-m" id="participation">
        Participation
      </h2>
      <p class="govuk-body">
        A return is late when it was submitted after its deadline, or not submitted by it. Deadlines include
        any extension given to the agency.
      </p>
      <ParticipationSummary participation={figures.participation} id="chart-participation" />
      <PagedParticipation base={base} query={query} pages={m.pages} participation={figures.participation} />

      <h2 class="govuk-heading-m" id="grades">
        Grades by theme
      </h2>
      <DistributionSection id="chart-grades" title="Grades per theme" rows={figures.distribution} />

      <h2 class="govuk-heading-m" id="heatmap">
        Agencies and themes
      </h2>
      <p class="govuk-body" safe>
        {`Showing: ${GRADE_VIEW_LABELS[query.grades].toLowerCase()}. Choose what to show above.`}
      </p>
      <PagedHeatmap
        base={base}
        query={query}
        pages={m.pages}
        figures={figures}
        view={query.grades}
        caption={`${GRADE_VIEW_LABELS[query.grades]} by agency and theme`}
      />

      <h2 class="govuk-heading-m" id="by-locality">
        Grades by locality
      </h2>
      <GroupDistributions groups={figures.byLocality} noun="locality" />
      <h2 class="govuk-heading-m" id="by-sector">
        Grades by sector
      </h2>
      <GroupDistributions groups={figures.bySector} noun="sector" />

      <h2 class="govuk-heading-m" id="questions">
        Questions most often not met
      </h2>
      <WeakQuestionsTable rows={figures.weakestQuestions} />

      <h2 class="govuk-heading-m" id="calibration">
        Calibration
      </h2>
      <p class="govuk-body">
        How the agencies’ own grades compare with the partnership’s moderated grades, where a theme has been
        moderated.
      </p>
      <CalibrationTable calibration={figures.calibration} />

      <h2 class="govuk-heading-m" id="actions">
        Overdue actions
      </h2>
      <PagedOverdueActions base={base} query={query} pages={m.pages} actions={figures.overdueActions} />

      <h2 class="govuk-heading-m" id="comparison">
        Compared with the last audit
      </h2>
      {figures.comparison ? (
        <PagedComparison base={base} query={query} pages={m.pages} comparison={figures.comparison} />
      ) : (
        <p class="govuk-body">
          {escapeHtml('There is no earlier audit of this partnership to compare with.')}
        </p>
      )}
    </Layout>
  );
}
