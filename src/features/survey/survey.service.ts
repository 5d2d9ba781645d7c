/** The staff survey's rules that need the database: when it is open, and each agency's results. */
import type { DbOrTx } from '../../db/client.ts';
import { londonTime } from '../../lib/dates.ts';
import { applicableThemes } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import {
  ensureLink,
  loadGrades,
  loadLinks,
  loadResponses,
  loadReturnSurvey,
  loadStatements,
  loadSurvey,
  type SurveySettings,
  type SurveyStatement,
  type ThemeGrades,
} from './survey.repository.ts';
import { type GroupResult, groupResults, type ThemeStatements } from './survey-results.ts';

export type SurveyState = 'off' | 'not_open' | 'open' | 'closed';

/** When the survey stops taking answers: the end of its closing date (UK time), or when the cycle closes. */
export function surveyClosesAt(cycleClosesAt: Date, closesOn: string | null): Date {
  if (!closesOn) return cycleClosesAt;
  const next = new Date(`${closesOn}T12:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return londonTime(next.toISOString().slice(0, 10), '00:00');
}

export interface SurveyStatus {
  state: SurveyState;
  /** When it stops (or stopped) taking answers. */
  closesAt: Date;
}

/** Whether the survey takes answers now, and until when. */
export function surveyStatus(
  settings: Pick<SurveySettings, 'enabled' | 'closesOn'> | null,
  cycle: { opensAt: Date; closesAt: Date },
  now: Date,
): SurveyStatus {
  const closesAt = surveyClosesAt(cycle.closesAt, settings?.closesOn ?? null);
  const state: SurveyState = !settings?.enabled
    ? 'off'
    : now < cycle.opensAt
      ? 'not_open'
      : now >= closesAt
        ? 'closed'
        : 'open';
  return { state, closesAt };
}

/**
 * Whether the agency sees only the responses published to it (in batches: see insertResponse): so
 * until the survey has closed, when no more can arrive and every response is counted.
 */
export function agencySeesBatchesOnly(status: SurveyStatus): boolean {
  return status.state !== 'closed';
}

/** Whether a link is worth sharing: the survey is running and has not closed. */
export function linkShareable(status: SurveyStatus, token: string | null): token is string {
  return token !== null && (status.state === 'open' || status.state === 'not_open');
}

export const SURVEY_STATE_LABELS: Record<SurveyState, string> = {
  off: 'Not running',
  not_open: 'Not open yet',
  open: 'Open',
  closed: 'Closed',
};

/** The template's themes that have statements, each with its statements in order. */
export function themesWithStatements(
  themes: ThemeInfo[],
  statements: SurveyStatement[],
): Array<{ theme: ThemeInfo; statements: SurveyStatement[] }> {
  return themes
    .map((theme) => ({ theme, statements: statements.filter((s) => s.themeId === theme.id) }))
    .filter((t) => t.statements.length > 0);
}

const toThemeStatements = (
  list: Array<{ theme: ThemeInfo; statements: SurveyStatement[] }>,
): ThemeStatements[] =>
  list.map((t) => ({
    themeId: t.theme.id,
    statements: t.statements.map((s) => ({ id: s.id, text: s.text })),
  }));

export interface AgencySurvey {
  returnId: string;
  agencyName: string;
  token: string | null;
  /** The themes asked of this agency's staff (those that apply to it), with their statements. */
  themes: Array<{ theme: ThemeInfo; statements: SurveyStatement[] }>;
  result: GroupResult;
  grades: Map<string, ThemeGrades>;
}

export interface CycleSurvey {
  settings: SurveySettings | null;
  statements: SurveyStatement[];
  /** Every theme with statements, in the template's order. */
  themes: Array<{ theme: ThemeInfo; statements: SurveyStatement[] }>;
  agencies: AgencySurvey[];
  /** Every response of the agencies shown, together. */
  overall: GroupResult;
}

/**
 * The survey of a cycle for the agencies given (those the viewer may see, with the localities their
 * themes depend on), with each agency's results beside its grades.
 */
export async function loadCycleSurvey(
  db: DbOrTx,
  cycle: { id: string; partnershipId: string; templateVersionId: string },
  agencies: Array<{ returnId: string; agencyName: string; localityIds: string[]; sector: string }>,
  publishedOnly = false,
): Promise<CycleSurvey> {
  const [settings, statements, structure, links, grades] = await Promise.all([
    loadSurvey(db, cycle.partnershipId, cycle.id),
    loadStatements(db, cycle.partnershipId, cycle.id),
    loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId),
    loadLinks(db, cycle.partnershipId, cycle.id),
    loadGrades(db, cycle.partnershipId, cycle.id),
  ]);
  const responses = await loadResponses(
    db,
    cycle.partnershipId,
    cycle.id,
    agencies.map((a) => a.returnId),
    publishedOnly,
  );
  const themes = themesWithStatements(structure.themes, statements);
  const rows = agencies.map((a): AgencySurvey => {
    const own = themesWithStatements(applicableThemes(structure.themes, a.localityIds, a.sector), statements);
    return {
      returnId: a.returnId,
      agencyName: a.agencyName,
      token: links.get(a.returnId) ?? null,
      themes: own,
      result: groupResults(toThemeStatements(own), responses.get(a.returnId) ?? []),
      grades: grades.get(a.returnId) ?? new Map(),
    };
  });
  return {
    settings,
    statements,
    themes,
    agencies: rows,
    overall: groupResults(toThemeStatements(themes), [...responses.values()].flat()),
  };
}

/**
 * The agency lead's entry on the return's task list, when the partnership runs a staff survey in
 * the cycle: where to get the link and see results, with the number of responses so far.
 */
export interface SurveyTaskListEntry {
  href: string;
  responses: number;
  state: SurveyState;
  /** The link's token while it is worth sharing. */
  token: string | null;
}

export async function surveyTaskListEntry(
  db: DbOrTx,
  ctx: { id: string; partnershipId: string; cycleId: string; opensAt: Date; cycleClosesAt: Date },
  now: Date,
): Promise<SurveyTaskListEntry | null> {
  // This return's responses and link only (one read): the task list of one agency reads nothing
  // of the others.
  const survey = await loadReturnSurvey(db, ctx.partnershipId, ctx.cycleId, ctx.id);
  if (!survey?.enabled) return null;
  const status = surveyStatus(survey, { opensAt: ctx.opensAt, closesAt: ctx.cycleClosesAt }, now);
  const token = survey.token ?? (await ensureLink(db, ctx.partnershipId, ctx.cycleId, ctx.id));
  return {
    href: `/returns/${ctx.id}/survey`,
    responses: agencySeesBatchesOnly(status) ? survey.publishedResponses : survey.responses,
    state: status.state,
    token: linkShareable(status, token) ? token : null,
  };
}
