/**
 * The review's forms: one zod schema each, every field's errors reported at once, and the state the
 * page shows again (what was typed) when something is wrong.
 */
import { z } from 'zod';
import type { Rag } from '../../db/schema.ts';
import { type DateParts, parseDateParts, parseTimeOfDay } from '../../lib/dates.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';

type Body = Record<string, unknown>;

const str = (body: Body, key: string): string => (typeof body[key] === 'string' ? (body[key] as string) : '');
const list = (body: Body, key: string): string[] => {
  const v = body[key];
  return (Array.isArray(v) ? v : [v]).filter((i): i is string => typeof i === 'string' && i !== '');
};
const dateParts = (body: Body, prefix: string): DateParts => ({
  day: str(body, `${prefix}-day`),
  month: str(body, `${prefix}-month`),
  year: str(body, `${prefix}-year`),
});

const text = (required: string, max: number, label: string) =>
  z
    .string()
    .trim()
    .min(1, required)
    .max(max, `${label} must be ${max.toLocaleString('en-GB')} characters or fewer`);

export type Parsed<S, V> =
  | { state: S; values: V; errors?: undefined }
  | { state: S; values?: undefined; errors: FormErrors };

function collect<S, V>(
  state: S,
  builder: FormErrorBuilder,
  result: z.ZodSafeParseResult<V>,
  ids: Record<string, string> = {},
): Parsed<S, V> {
  if (!result.success)
    for (const issue of result.error.issues) {
      const field = String(issue.path[0]);
      builder.add(field, issue.message, ids[field] ?? field);
    }
  if (builder.hasErrors || !result.success) return { state, errors: builder.build() };
  return { state, values: result.data };
}

/** '' is the return as a whole; otherwise one of the return's themes. */
const themeChoice = (themeIds: readonly string[]) =>
  z
    .string()
    .refine((v) => v === '' || themeIds.includes(v), 'Select a theme, or the return as a whole')
    .transform((v) => (v === '' ? null : v));

// A challenge question or comment.
export interface ChallengeState {
  themeId: string;
  body: string;
}
export function parseChallenge(body: Body, themeIds: readonly string[]) {
  const state: ChallengeState = { themeId: str(body, 'themeId'), body: str(body, 'body') };
  const schema = z.object({
    themeId: themeChoice(themeIds),
    body: text('Enter your challenge question or comment', 5000, 'Your challenge'),
  });
  return collect(state, new FormErrorBuilder(), schema.safeParse(state));
}

// A message in a challenge's thread: the agency's answer or the partnership's follow-up.
export function parseMessage(body: Body, side: 'agency' | 'partnership') {
  const state = { message: str(body, 'message') };
  const schema = z.object({
    message: text(
      side === 'agency' ? 'Enter your answer' : 'Enter your follow-up question or comment',
      5000,
      side === 'agency' ? 'Your answer' : 'Your follow-up',
    ),
  });
  return collect(state, new FormErrorBuilder(), schema.safeParse(state));
}

// A moderated grade.
export interface GradeState {
  rating: string;
  reason: string;
}
export function parseGrade(body: Body) {
  const state: GradeState = { rating: str(body, 'rating'), reason: str(body, 'reason') };
  const schema = z.object({
    rating: z.enum(['red', 'amber', 'green'], 'Select the moderated grade: Red, Amber or Green'),
    reason: text('Enter the reason for the moderated grade', 5000, 'The reason'),
  });
  return collect<GradeState, { rating: Rag; reason: string }>(
    state,
    new FormErrorBuilder(),
    schema.safeParse(state),
    { rating: 'rating' },
  );
}

// An evidence request.
export interface EvidenceRequestState {
  themeId: string;
  description: string;
  dueDate: DateParts;
}
export function parseEvidenceRequest(body: Body, themeIds: readonly string[], today: string) {
  const state: EvidenceRequestState = {
    themeId: str(body, 'themeId'),
    description: str(body, 'description'),
    dueDate: dateParts(body, 'dueDate'),
  };
  const builder = new FormErrorBuilder();
  const due = parseDateParts(state.dueDate, 'The date it is needed by');
  const schema = z.object({
    themeId: themeChoice(themeIds),
    description: text('Enter the evidence you need', 2000, 'The evidence you need'),
  });
  const result = schema.safeParse(state);
  const parsed = collect(state, builder, result);
  if (due.error) builder.add('dueDate', due.error, 'dueDate-day');
  else if (!due.value) builder.add('dueDate', 'Enter the date it is needed by', 'dueDate-day');
  else if (due.value < today)
    builder.add('dueDate', 'The date it is needed by must be today or in the future', 'dueDate-day');
  if (builder.hasErrors || !parsed.values) return { state, errors: builder.build() } as const;
  return { state, values: { ...parsed.values, dueDate: due.value! } } as const;
}

// The agency's answer to an evidence request (a file, if any, is checked on its own).
export function parseEvidenceResponse(body: Body) {
  const state = { reference: str(body, 'reference') };
  const schema = z.object({
    reference: z.string().trim().max(1000, 'Where the evidence is kept must be 1,000 characters or fewer'),
  });
  return collect(state, new FormErrorBuilder(), schema.safeParse(state));
}

// The outcome of the review.
export interface OutcomeState {
  decision: string;
  reasons: string;
  themeIds: string[];
}
export function parseOutcome(body: Body, themeIds: readonly string[]) {
  const state: OutcomeState = {
    decision: str(body, 'decision'),
    reasons: str(body, 'reasons'),
    themeIds: list(body, 'themeIds'),
  };
  const builder = new FormErrorBuilder();
  const decision = z.enum(['accepted', 'returned']).safeParse(state.decision);
  if (!decision.success)
    builder.add('decision', 'Select whether to accept the return or return it for changes');
  const reasons = state.reasons.trim();
  if (reasons.length > 5000) builder.add('reasons', 'The reasons must be 5,000 characters or fewer');
  const chosen = state.themeIds.filter((id) => themeIds.includes(id));
  if (decision.success && decision.data === 'returned') {
    if (!reasons) builder.add('reasons', 'Enter the reasons the return needs changes');
    if (chosen.length === 0 || chosen.length !== state.themeIds.length)
      builder.add('themeIds', 'Select the themes the agency must change', 'themeIds');
  }
  if (builder.hasErrors || !decision.success) return { state, errors: builder.build() } as const;
  return {
    state,
    values: {
      decision: decision.data,
      reasons,
      themeIds: decision.data === 'returned' ? chosen : [],
    },
  } as const;
}

// A challenge event.
export interface EventState {
  title: string;
  returnIds: string[];
  date: DateParts;
  time: string;
  location: string;
  chair: string;
  attendees: string;
}
export function parseEvent(body: Body, returnIds: readonly string[], today: string) {
  const state: EventState = {
    title: str(body, 'title'),
    returnIds: list(body, 'returnIds'),
    date: dateParts(body, 'date'),
    time: str(body, 'time'),
    location: str(body, 'location'),
    chair: str(body, 'chair'),
    attendees: str(body, 'attendees'),
  };
  const builder = new FormErrorBuilder();
  const schema = z.object({
    title: text('Enter a name for the event', 200, 'The name'),
    location: text('Enter where it is held, or the link to join it', 1000, 'Where it is held'),
    chair: text('Enter who chairs it', 200, 'Who chairs it'),
    attendees: z.string().trim().max(5000, 'Who attends must be 5,000 characters or fewer'),
  });
  const parsed = collect(state, builder, schema.safeParse(state));
  const chosen = state.returnIds.filter((id) => returnIds.includes(id));
  if (chosen.length === 0 || chosen.length !== state.returnIds.length)
    builder.add('returnIds', 'Select the agencies taking part', 'returnIds');
  const date = parseDateParts(state.date, 'The date');
  if (date.error) builder.add('date', date.error, 'date-day');
  else if (!date.value) builder.add('date', 'Enter the date of the event', 'date-day');
  else if (date.value < today) builder.add('date', 'The date must be today or in the future', 'date-day');
  const time = parseTimeOfDay(state.time);
  if (!time) builder.add('time', 'Enter the time it starts, like 10am or 14:30');
  if (builder.hasErrors || !parsed.values) return { state, errors: builder.build() } as const;
  return {
    state,
    values: { ...parsed.values, returnIds: chosen, date: date.value!, time: time! },
  } as const;
}

// The notes of an event.
export function parseNotes(body: Body) {
  const state = { notes: str(body, 'notes') };
  const schema = z.object({
    notes: text('Enter the notes of the event', 20000, 'The notes'),
  });
  return collect(state, new FormErrorBuilder(), schema.safeParse(state));
}

// An action agreed at an event, for one agency's action plan.
export interface AgreedActionState {
  returnId: string;
  themeId: string;
  description: string;
  leadPerson: string;
  targetDate: DateParts;
}
export function parseAgreedAction(
  body: Body,
  themesByReturn: ReadonlyMap<string, readonly string[]>,
  today: string,
) {
  const state: AgreedActionState = {
    returnId: str(body, 'returnId'),
    themeId: str(body, 'themeId'),
    description: str(body, 'description'),
    leadPerson: str(body, 'leadPerson'),
    targetDate: dateParts(body, 'targetDate'),
  };
  const builder = new FormErrorBuilder();
  const themeIds = themesByReturn.get(state.returnId);
  if (!themeIds) builder.add('returnId', 'Select the agency whose action plan it joins');
  else if (!themeIds.includes(state.themeId)) builder.add('themeId', 'Select the theme the action is about');
  const schema = z.object({
    description: text('Enter the action agreed', 2000, 'The action'),
    leadPerson: text('Enter the name or role of the person leading it', 200, 'The lead'),
  });
  const parsed = collect(state, builder, schema.safeParse(state));
  const target = parseDateParts(state.targetDate, 'The target date');
  if (target.error) builder.add('targetDate', target.error, 'targetDate-day');
  else if (!target.value) builder.add('targetDate', 'Enter the target date', 'targetDate-day');
  else if (target.value < today)
    builder.add('targetDate', 'The target date must be today or in the future', 'targetDate-day');
  if (builder.hasErrors || !parsed.values) return { state, errors: builder.build() } as const;
  return {
    state,
    values: { ...parsed.values, returnId: state.returnId, themeId: state.themeId, targetDate: target.value! },
  } as const;
}
