/**
 * A cycle's results across agencies, as pure functions of the returns (no database): the grades
 * heatmap, the distribution of grades per theme (and by locality and sector), the questions most
 * often not met, overdue actions, participation, calibration of self-assessed against moderated
 * grades, and the comparison with an earlier cycle. Every figure is plain JSON (dates as ISO text),
 * so a final findings report can keep them as they stood.
 */
import type { ActionStatus, AgencySector, Rag } from '../../db/schema.ts';
import { londonDate } from '../../lib/dates.ts';
import { compareEnglish, sortByName } from '../../lib/words.ts';
import { SECTOR_LABELS } from '../agencies/sectors.ts';
import { responseAt } from '../returns/return-grade-codes.ts';
import { isOverdue } from '../returns/return-records.ts';

const RAG_VALUE: Record<Rag, number> = { red: 1, amber: 2, green: 3 };

export interface ResultsTheme {
  id: string;
  key: string;
  number: number;
  title: string;
  questions: Array<{ id: string; key: string; number: number; text: string }>;
}

export interface ResultsAction {
  themeId: string;
  description: string;
  targetDate: string | null;
  leadPerson: string;
  status: ActionStatus;
}

/** One invited agency's return in the cycle, as the viewer sees it. */
export interface ResultsAgency {
  returnId: string;
  agencyId: string;
  agencyName: string;
  sector: AgencySector;
  statutory: boolean;
  localityIds: string[];
  /** Submitted, resubmitted or accepted: its grades count. */
  submitted: boolean;
  submittedAt: Date | null;
  /** The cycle's closing time, or this agency's later extension. */
  deadline: Date;
  /** The themes that apply to the agency. */
  themeIds: string[];
  /** Its own grade per theme at submission (unanswered questions or no rating make it Red). */
  self: Record<string, Rag>;
  /** The partnership's moderated grade per theme, where recorded (read for a submitted return only). */
  moderated: Record<string, Rag>;
  /**
   * The counted response to each question of the template (submitted returns), a letter a question
   * in the template's order, as kept (returns/return-grade-codes.ts: read with `responseAt`); only
   * those of the themes in `themeIds` count.
   */
  responses: string;
  /** Its actions that may be overdue (loaded: its open actions past their target date). */
  actions: ResultsAction[];
}

export interface ResultsFilters {
  locality?: string | undefined;
  sector?: string | undefined;
  basis?: 'statutory' | 'voluntary' | undefined;
}

export function filterAgencies(agencies: ResultsAgency[], filters: ResultsFilters): ResultsAgency[] {
  return agencies.filter(
    (a) =>
      (!filters.locality || a.localityIds.includes(filters.locality)) &&
      (!filters.sector || a.sector === filters.sector) &&
      (!filters.basis || a.statutory === (filters.basis === 'statutory')),
  );
}

/** The grade that counts in the figures: the moderated grade where recorded, else the agency's own. */
export function finalGrade(agency: ResultsAgency, themeId: string): Rag | null {
  return agency.themeIds.includes(themeId) ? countedGrade(agency, themeId) : null;
}

/** `finalGrade` of a theme known to apply to the agency. */
function countedGrade(agency: ResultsAgency, themeId: string): Rag | null {
  return agency.submitted ? (agency.moderated[themeId] ?? agency.self[themeId] ?? null) : null;
}

// ---- heatmap ----

export interface HeatmapCell {
  themeKey: string;
  applies: boolean;
  self: Rag | null;
  moderated: Rag | null;
}

export interface HeatmapRow {
  returnId: string;
  agencyName: string;
  cells: HeatmapCell[];
}

/** Submitted returns, agency by agency, with each theme's own and moderated grade. */
export function heatmap(agencies: ResultsAgency[], themes: ResultsTheme[]): HeatmapRow[] {
  const index = themeIndex(themes);
  return byName(agencies.filter((a) => a.submitted)).map((a) => {
    const cells = themes.map(
      (t): HeatmapCell => ({ themeKey: t.key, applies: false, self: null, moderated: null }),
    );
    // Through the themes that apply to the agency, rather than asking of each theme whether it does.
    for (const themeId of a.themeIds) {
      const cell = cells[index.get(themeId) ?? -1];
      if (!cell) continue;
      cell.applies = true;
      cell.self = a.self[themeId] ?? null;
      cell.moderated = a.moderated[themeId] ?? null;
    }
    return { returnId: a.returnId, agencyName: a.agencyName, cells };
  });
}

/** Moderated minus self-assessed, in grades (Amber to Green is +1); null unless both are there. */
export function gradeDifference(cell: Pick<HeatmapCell, 'self' | 'moderated'>): number | null {
  return gradeShift(cell.self, cell.moderated);
}

/** `gradeDifference` of two grades, for the counts that make no cell. */
function gradeShift(self: Rag | null | undefined, moderated: Rag | null | undefined): number | null {
  if (!self || !moderated) return null;
  return RAG_VALUE[moderated] - RAG_VALUE[self];
}

// ---- distribution ----

export interface Distribution {
  themeKey: string;
  themeNumber: number;
  themeTitle: string;
  red: number;
  amber: number;
  green: number;
  /** Invited agencies the theme applies to that have not submitted. */
  notRated: number;
  total: number;
}

/** Each theme's place in `themes`, by its id. */
function themeIndex(themes: readonly ResultsTheme[]): Map<string, number> {
  return new Map(themes.map((t, i) => [t.id, i]));
}

/**
 * The agency's final grade of each theme, by the theme's place in the template: undefined where the
 * theme does not apply, null where it is not graded (or the return is not submitted). Worked out
 * once an agency for every figure that counts them (at 10,000 returns, five passes of `finalGrade`
 * over every agency and theme were half the figures' time).
 */
function finalGrades(
  a: ResultsAgency,
  index: Map<string, number>,
  themes: number,
): Array<Rag | null | undefined> {
  const grades = new Array<Rag | null | undefined>(themes).fill(undefined);
  for (const themeId of a.themeIds) {
    const i = index.get(themeId);
    if (i !== undefined) grades[i] = countedGrade(a, themeId);
  }
  return grades;
}

function distributionLines(themes: readonly ResultsTheme[]): Distribution[] {
  return themes.map(
    (t): Distribution => ({
      themeKey: t.key,
      themeNumber: t.number,
      themeTitle: t.title,
      red: 0,
      amber: 0,
      green: 0,
      notRated: 0,
      total: 0,
    }),
  );
}

/** Counts an agency's final grades (`finalGrades`) into a distribution's lines. */
function countGrades(lines: Distribution[], grades: ReadonlyArray<Rag | null | undefined>): void {
  for (let i = 0; i < grades.length; i++) {
    const grade = grades[i];
    if (grade === undefined) continue;
    const d = lines[i]!;
    d.total++;
    if (grade) d[grade]++;
    else d.notRated++;
  }
}

/** Per theme: how many agencies it applies to have each final grade, or none yet. */
export function gradeDistribution(agencies: ResultsAgency[], themes: ResultsTheme[]): Distribution[] {
  return distributions(agencies, themes, []).distribution;
}

export interface GroupDistribution {
  /** A locality's id, or a sector's key. */
  key: string;
  name: string;
  agencies: number;
  themes: Distribution[];
}

/**
 * The distribution of every agency, and in each locality that has agencies (an agency serving two
 * counts in both) and each sector that has agencies (in the order of their names): one pass over the
 * agencies, each agency's final grades worked out once.
 */
function distributions(
  agencies: ResultsAgency[],
  themes: ResultsTheme[],
  localities: ReadonlyArray<{ id: string; name: string }>,
): { distribution: Distribution[]; byLocality: GroupDistribution[]; bySector: GroupDistribution[] } {
  const index = themeIndex(themes);
  const distribution = distributionLines(themes);
  const group = (key: string, name: string): GroupDistribution => ({
    key,
    name,
    agencies: 0,
    themes: distributionLines(themes),
  });
  const byLocality = new Map(localities.map((l) => [l.id, group(l.id, l.name)]));
  const bySector = new Map<AgencySector, GroupDistribution>();
  for (const a of agencies) {
    const grades = finalGrades(a, index, themes.length);
    countGrades(distribution, grades);
    for (const id of a.localityIds) {
      const g = byLocality.get(id);
      if (!g) continue;
      g.agencies++;
      countGrades(g.themes, grades);
    }
    let s = bySector.get(a.sector);
    if (!s) {
      s = group(a.sector, SECTOR_LABELS[a.sector]);
      bySector.set(a.sector, s);
    }
    s.agencies++;
    countGrades(s.themes, grades);
  }
  return {
    distribution,
    byLocality: [...byLocality.values()].filter((g) => g.agencies > 0),
    bySector: [...bySector.values()].sort((x, y) => compareEnglish(x.name, y.name)),
  };
}

// ---- questions ----

export interface WeakQuestion {
  themeKey: string;
  themeNumber: number;
  themeTitle: string;
  questionNumber: number;
  questionText: string;
  notMet: number;
  partlyMet: number;
  no: number;
  /** notMet + partlyMet + no. */
  shortfall: number;
  /** Submitted returns that answered it. */
  answered: number;
}

/**
 * Questions answered Not met, Partly met or No by at least one submitted return, most often first
 * (ties: more Not met and No first, then in template order), at most `limit`.
 */
export function weakestQuestions(
  agencies: ResultsAgency[],
  themes: ResultsTheme[],
  limit = 10,
): WeakQuestion[] {
  const rows: WeakQuestion[] = [];
  for (const t of themes)
    for (const q of t.questions)
      rows.push({
        themeKey: t.key,
        themeNumber: t.number,
        themeTitle: t.title,
        questionNumber: q.number,
        questionText: q.text,
        notMet: 0,
        partlyMet: 0,
        no: 0,
        shortfall: 0,
        answered: 0,
      });
  // Each submitted agency's letters once, through the themes that apply to it, each theme's letters
  // found from its place in the template.
  const index = themeIndex(themes);
  const firstQuestion: number[] = [];
  for (let t = 0, at = 0; t < themes.length; at += themes[t]!.questions.length, t++) firstQuestion.push(at);
  for (const a of agencies) {
    if (!a.submitted) continue;
    for (const themeId of a.themeIds) {
      const t = index.get(themeId);
      if (t === undefined) continue;
      const from = firstQuestion[t]!;
      for (let i = from; i < from + themes[t]!.questions.length; i++) {
        const r = responseAt(a.responses, i);
        if (!r) continue;
        const row = rows[i]!;
        row.answered++;
        if (r === 'not_met') row.notMet++;
        else if (r === 'partly_met') row.partlyMet++;
        else if (r === 'no') row.no++;
      }
    }
  }
  for (const row of rows) row.shortfall = row.notMet + row.partlyMet + row.no;
  return rows
    .filter((row) => row.shortfall > 0)
    .sort(
      (x, y) =>
        y.shortfall - x.shortfall ||
        y.notMet + y.no - (x.notMet + x.no) ||
        x.themeNumber - y.themeNumber ||
        x.questionNumber - y.questionNumber,
    )
    .slice(0, limit);
}

// ---- actions ----

export interface OverdueAction {
  returnId: string;
  agencyName: string;
  themeTitle: string;
  description: string;
  targetDate: string;
  leadPerson: string;
  status: ActionStatus;
}

/** Open actions of submitted returns past their target date, oldest first. */
export function overdueActions(
  agencies: ResultsAgency[],
  themes: ResultsTheme[],
  now: Date,
): OverdueAction[] {
  const titles = new Map(themes.map((t) => [t.id, `${t.number}. ${t.title}`]));
  const today = londonDate(now);
  const out: OverdueAction[] = [];
  for (const a of agencies) {
    if (!a.submitted) continue;
    for (const action of a.actions)
      if (isOverdue(action, today) && action.targetDate)
        out.push({
          returnId: a.returnId,
          agencyName: a.agencyName,
          themeTitle: titles.get(action.themeId) ?? '',
          description: action.description,
          targetDate: action.targetDate,
          leadPerson: action.leadPerson,
          status: action.status,
        });
  }
  return out.sort(
    (x, y) => x.targetDate.localeCompare(y.targetDate) || compareEnglish(x.agencyName, y.agencyName),
  );
}

// ---- participation ----

export type ParticipationState = 'on_time' | 'late' | 'overdue' | 'not_yet_due';

export const PARTICIPATION_LABELS: Record<ParticipationState, string> = {
  on_time: 'Submitted on time',
  late: 'Submitted late',
  overdue: 'Not submitted by its deadline',
  not_yet_due: 'Not submitted, not yet due',
};

export interface Participation {
  invited: number;
  submitted: number;
  onTime: number;
  /** Submitted after its deadline. */
  submittedLate: number;
  /** Not submitted, and its deadline has passed. */
  overdue: number;
  notYetDue: number;
  /** Late either way: submitted after its deadline or not submitted by it. */
  late: number;
  /** Percentage of invited agencies that submitted (rounded down); null when none were invited. */
  percentSubmitted: number | null;
  agencies: Array<{
    returnId: string;
    agencyName: string;
    state: ParticipationState;
    deadline: string;
    submittedAt: string | null;
  }>;
}

export function participationState(agency: ResultsAgency, now: Date): ParticipationState {
  if (agency.submitted && agency.submittedAt)
    return agency.submittedAt > agency.deadline ? 'late' : 'on_time';
  if (agency.submitted) return 'on_time';
  return now >= agency.deadline ? 'overdue' : 'not_yet_due';
}

export function participation(agencies: ResultsAgency[], now: Date): Participation {
  const list = byName(agencies).map((a) => ({
    returnId: a.returnId,
    agencyName: a.agencyName,
    state: participationState(a, now),
    deadline: a.deadline.toISOString(),
    submittedAt: a.submittedAt && a.submitted ? a.submittedAt.toISOString() : null,
  }));
  const counts: Record<ParticipationState, number> = { on_time: 0, late: 0, overdue: 0, not_yet_due: 0 };
  for (const a of list) counts[a.state]++;
  const { on_time: onTime, late: submittedLate, overdue } = counts;
  return {
    invited: list.length,
    submitted: onTime + submittedLate,
    onTime,
    submittedLate,
    overdue,
    notYetDue: counts.not_yet_due,
    late: submittedLate + overdue,
    percentSubmitted: list.length ? Math.floor(((onTime + submittedLate) / list.length) * 100) : null,
    agencies: list,
  };
}

// ---- calibration ----

export interface CalibrationLine {
  themeKey: string;
  themeNumber: number;
  themeTitle: string;
  /** Themes of submitted returns with both grades. */
  moderated: number;
  agreed: number;
  /** The agency graded itself higher than the partnership did. */
  overGraded: number;
  /** The agency graded itself lower than the partnership did. */
  underGraded: number;
  /** Percentage agreed (rounded); null when nothing was moderated. */
  agreementRate: number | null;
}

export interface Calibration {
  themes: CalibrationLine[];
  total: Omit<CalibrationLine, 'themeKey' | 'themeNumber' | 'themeTitle'>;
}

const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 100));

/** Self-assessed against moderated grades: agreement, over- and under-grading per theme and overall. */
export function calibration(agencies: ResultsAgency[], themes: ResultsTheme[]): Calibration {
  const total = {
    moderated: 0,
    agreed: 0,
    overGraded: 0,
    underGraded: 0,
    agreementRate: null as number | null,
  };
  const lines = themes.map(
    (t): CalibrationLine => ({
      themeKey: t.key,
      themeNumber: t.number,
      themeTitle: t.title,
      moderated: 0,
      agreed: 0,
      overGraded: 0,
      underGraded: 0,
      agreementRate: null,
    }),
  );
  const line = new Map(themes.map((t, i) => [t.id, lines[i]!]));
  // Agency by agency, through its moderated themes only (most themes of most agencies have none).
  for (const a of agencies) {
    if (!a.submitted) continue;
    for (const themeId in a.moderated) {
      const l = line.get(themeId);
      if (!l || !a.themeIds.includes(themeId)) continue;
      const diff = gradeShift(a.self[themeId], a.moderated[themeId]);
      if (diff === null) continue;
      l.moderated++;
      if (diff === 0) l.agreed++;
      else if (diff < 0) l.overGraded++;
      else l.underGraded++;
    }
  }
  for (const l of lines) {
    l.agreementRate = rate(l.agreed, l.moderated);
    total.moderated += l.moderated;
    total.agreed += l.agreed;
    total.overGraded += l.overGraded;
    total.underGraded += l.underGraded;
  }
  total.agreementRate = rate(total.agreed, total.moderated);
  return { themes: lines, total };
}

// ---- comparison with an earlier cycle ----

export type Trend = 'better' | 'same' | 'worse';
export const TREND_LABELS: Record<Trend, string> = { better: 'Better', same: 'Same', worse: 'Worse' };

export interface ThemeComparison {
  themeKey: string;
  themeNumber: number;
  themeTitle: string;
  /** Mean final grade (Red 1, Amber 2, Green 3) of submitted returns, to 2 places; null: none. */
  previous: number | null;
  current: number | null;
  /** Null when the theme was not in the earlier cycle or has no grades in one of them. */
  trend: Trend | null;
  /** Agencies graded on the theme in both cycles, by how their grade moved. */
  better: number;
  same: number;
  worse: number;
}

export interface AgencyComparison {
  agencyId: string;
  agencyName: string;
  /** Themes (matched by key) graded in both cycles. */
  compared: number;
  better: number;
  same: number;
  worse: number;
  /** By the mean of its grades on those themes. */
  trend: Trend | null;
}

export interface Comparison {
  cycleId: string;
  cycleName: string;
  themes: ThemeComparison[];
  agencies: AgencyComparison[];
}

export interface CycleGrades {
  themes: ResultsTheme[];
  agencies: ResultsAgency[];
}

const mean = (values: number[]) =>
  values.length ? Math.round((values.reduce((s, v) => s + v, 0) / values.length) * 100) / 100 : null;

function trendOf(previous: number | null, current: number | null): Trend | null {
  if (previous === null || current === null) return null;
  return current > previous ? 'better' : current < previous ? 'worse' : 'same';
}

/**
 * Each agency's final grades as values (Red 1, Amber 2, Green 3) by the place in `keys` of the theme
 * of that key, undefined where it has none (not graded, not applying, not submitted, or no theme of
 * that key in the cycle); agencies with no grade at all are left out. An array an agency, where a map
 * of agencies a theme made ten entries an agency (at 1,000 agencies, most of the comparison's time).
 */
function gradeValues(cycle: CycleGrades, keys: readonly string[]): Map<string, Array<number | undefined>> {
  const index = themeIndex(cycle.themes);
  const place = cycle.themes.map((t) => keys.indexOf(t.key));
  const values = new Map<string, Array<number | undefined>>();
  for (const a of cycle.agencies) {
    if (!a.submitted) continue;
    const grades = finalGrades(a, index, cycle.themes.length);
    let line: Array<number | undefined> | undefined;
    for (let i = 0; i < grades.length; i++) {
      const g = grades[i];
      const at = place[i]!;
      if (!g || at < 0) continue;
      line ??= new Array<number | undefined>(keys.length).fill(undefined);
      line[at] = RAG_VALUE[g];
    }
    if (line) values.set(a.agencyId, line);
  }
  return values;
}

/** The grades at place `i` of the lines that have one. */
function gradesAt(lines: Map<string, Array<number | undefined>>, i: number): number[] {
  const grades: number[] = [];
  for (const line of lines.values()) {
    const g = line[i];
    if (g !== undefined) grades.push(g);
  }
  return grades;
}

/** Counts a move from grade `before` to `now` in `line`. */
function countMove(line: { better: number; same: number; worse: number }, now: number, before: number): void {
  if (now > before) line.better++;
  else if (now < before) line.worse++;
  else line.same++;
}

/**
 * This cycle against an earlier one, theme by theme (matched by key) and agency by agency (the same
 * agency graded on the same theme in both), on final grades.
 */
export function compareCycles(
  current: CycleGrades,
  previous: CycleGrades,
  previousCycle: { id: string; name: string },
): Comparison {
  const keys = current.themes.map((t) => t.key);
  const now = gradeValues(current, keys);
  const before = gradeValues(previous, keys);
  const inPrevious = new Set(previous.themes.map((t) => t.key));
  const themes = current.themes.map((t, i) => {
    const c = gradesAt(now, i);
    const p = gradesAt(before, i);
    const line: ThemeComparison = {
      themeKey: t.key,
      themeNumber: t.number,
      themeTitle: t.title,
      previous: inPrevious.has(t.key) ? mean(p) : null,
      current: mean(c),
      trend: null,
      better: 0,
      same: 0,
      worse: 0,
    };
    line.trend = trendOf(line.previous, line.current);
    for (const [agencyId, grades] of now) {
      const g = grades[i];
      const e = before.get(agencyId)?.[i];
      if (g !== undefined && e !== undefined) countMove(line, g, e);
    }
    return line;
  });
  const agencies: AgencyComparison[] = [];
  for (const a of byName(current.agencies.filter((x) => x.submitted))) {
    const nowGrades = now.get(a.agencyId);
    const earlierGrades = before.get(a.agencyId);
    if (!nowGrades || !earlierGrades) continue;
    const line: AgencyComparison = {
      agencyId: a.agencyId,
      agencyName: a.agencyName,
      compared: 0,
      better: 0,
      same: 0,
      worse: 0,
      trend: null,
    };
    const bothNow: number[] = [];
    const bothBefore: number[] = [];
    for (let i = 0; i < keys.length; i++) {
      const g = nowGrades[i];
      const e = earlierGrades[i];
      if (g === undefined || e === undefined) continue;
      line.compared++;
      bothNow.push(g);
      bothBefore.push(e);
      countMove(line, g, e);
    }
    if (line.compared === 0) continue;
    line.trend = trendOf(mean(bothBefore), mean(bothNow));
    agencies.push(line);
  }
  return { cycleId: previousCycle.id, cycleName: previousCycle.name, themes, agencies };
}

// ---- all together ----

export interface ResultsFigures {
  themes: Array<{ key: string; number: number; title: string }>;
  /** Invited agencies within the filters. */
  agencyCount: number;
  heatmap: HeatmapRow[];
  distribution: Distribution[];
  byLocality: GroupDistribution[];
  bySector: GroupDistribution[];
  weakestQuestions: WeakQuestion[];
  overdueActions: OverdueAction[];
  participation: Participation;
  calibration: Calibration;
  comparison: Comparison | null;
}

export function resultsFigures(input: {
  themes: ResultsTheme[];
  agencies: ResultsAgency[];
  localities: Array<{ id: string; name: string }>;
  filters: ResultsFilters;
  now: Date;
  previous?: { cycle: { id: string; name: string }; grades: CycleGrades } | null | undefined;
}): ResultsFigures {
  const { themes, now } = input;
  // In name order once, so the tables in name order (heatmap, participation) sort a sorted list.
  const agencies = byName(filterAgencies(input.agencies, input.filters));
  return {
    themes: themes.map((t) => ({ key: t.key, number: t.number, title: t.title })),
    agencyCount: agencies.length,
    heatmap: heatmap(agencies, themes),
    ...distributions(agencies, themes, input.localities),
    weakestQuestions: weakestQuestions(agencies, themes),
    overdueActions: overdueActions(agencies, themes, now),
    participation: participation(agencies, now),
    calibration: calibration(agencies, themes),
    comparison: input.previous
      ? compareCycles(
          { themes, agencies },
          {
            themes: input.previous.grades.themes,
            agencies: filterAgencies(input.previous.grades.agencies, input.filters),
          },
          input.previous.cycle,
        )
      : null,
  };
}

function byName<T extends { agencyName: string }>(rows: T[]): T[] {
  return sortByName(rows, (r) => r.agencyName);
}
