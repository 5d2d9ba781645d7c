/**
 * The staff survey's statements and answer scale: the default statements offered for the built-in
 * template's themes (keyed by theme key, written for this project), and the settings form's schema.
 */
import { z } from 'zod';
import type { SurveyAnswer } from '../../db/schema.ts';
import { parseDateParts } from '../../lib/dates.ts';

export const SURVEY_ANSWER_LABELS: Record<SurveyAnswer, string> = {
  strongly_disagree: 'Strongly disagree',
  disagree: 'Disagree',
  neither: 'Neither agree nor disagree',
  agree: 'Agree',
  strongly_agree: 'Strongly agree',
  dont_know: 'Don’t know',
};

export const FREE_TEXT_QUESTION =
  'Anything else you want to tell us about safeguarding children in your organisation?';

/** At most this many statements per theme, each at most this long; the free text at most this long. */
export const MAX_STATEMENTS_PER_THEME = 6;
export const STATEMENT_MAX = 300;
export const COMMENT_MAX = 2000;

/** Offered for the built-in Section 11 template's themes, in the words front-line staff use. */
export const DEFAULT_STATEMENTS: Record<string, string[]> = {
  leadership: [
    'Senior leaders in my organisation make it clear that keeping children safe matters.',
    'I know who the senior lead for safeguarding children is in my organisation.',
    'When I raise a concern about a child, managers take it seriously.',
  ],
  accountability: [
    'I know who to go to for safeguarding advice, including out of hours.',
    'I understand what I am responsible for in keeping children safe.',
    'I know how to escalate a concern if I think a child is not being protected.',
  ],
  'voice-of-the-child': [
    'I have the time and the tools to listen to the children I work with.',
    'What children tell us changes how we work with them.',
    'I record what children say, in their own words where I can.',
  ],
  'policies-procedures': [
    'I know where to find our safeguarding policy and procedures.',
    'Our procedures are clear enough to follow when I am worried about a child.',
    'I know the local partnership’s procedures and how they apply to my work.',
  ],
  'safer-recruitment': [
    'The checks done before I started work here were thorough.',
    'I know what to do if I am worried about the behaviour of a colleague towards children.',
    'I would feel safe raising a concern about a colleague (whistleblowing).',
  ],
  training: [
    'My safeguarding training is up to date.',
    'The safeguarding training I have had helps me in my day-to-day work.',
    'I can get more specialist training when my role needs it.',
  ],
  'supervision-support': [
    'I get regular supervision in which I can talk about children I am worried about.',
    'I get support when work with children and families affects me.',
    'My manager helps me reflect on and challenge my decisions about children.',
  ],
  'information-sharing': [
    'I feel confident about when and how to share information to keep a child safe.',
    'I know how to record a safeguarding concern and where it is kept.',
    'Other organisations share the information I need to keep children safe.',
  ],
  'inter-agency-working': [
    'I know how to make a referral to children’s social care.',
    'Working with staff from other agencies helps me keep children safe.',
    'I know how to resolve a disagreement with another agency about a child (escalation).',
  ],
  'service-development': [
    'Children and families help shape the services my organisation provides.',
    'Lessons from reviews and audits are shared with me and change how we work.',
    'I am asked for my views on how our safeguarding could be better.',
  ],
  commissioning: [
    'Services we commission for children are expected to meet our safeguarding standards.',
    'I know what to do if I am worried about safeguarding in a service we commission.',
    'Safeguarding is checked when contracts with providers are reviewed.',
  ],
};

/** The default statements for a theme of the cycle's template (none for themes we do not know). */
export function defaultStatementsFor(themeKey: string): string[] {
  return DEFAULT_STATEMENTS[themeKey] ?? [];
}

/** What the settings form holds, as typed. */
export interface SurveySettingsState {
  enabled: string;
  closesOn: { day: string; month: string; year: string };
  /** Per theme id: its statements, one a line. */
  statements: Record<string, string>;
}

export interface SurveySettingsValues {
  enabled: boolean;
  closesOn: string | null;
  statements: Record<string, string[]>;
}

const text = (v: unknown) => (typeof v === 'string' ? v : '');

export function surveySettingsState(body: Record<string, unknown>, themeIds: string[]): SurveySettingsState {
  return {
    enabled: text(body.enabled),
    closesOn: {
      day: text(body['closesOn-day']),
      month: text(body['closesOn-month']),
      year: text(body['closesOn-year']),
    },
    statements: Object.fromEntries(themeIds.map((id) => [id, text(body[`statements-${id}`])])),
  };
}

/** The statements typed into a theme's box: one a line, blank lines dropped. */
export function statementLines(value: string): string[] {
  return value
    .split(/\r?\n/)
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '');
}

const enabledSchema = z.enum(['yes', 'no'], { message: 'Select whether to run a staff survey' });

/** Where an error of the settings form takes the person: a date's first box, or the field itself. */
export const surveySettingsFieldId = (path: string): string => (path === 'closesOn' ? 'closesOn-day' : path);

/**
 * The settings form's one schema, over what was typed. `themes` are the cycle's themes in order;
 * `opensOn` the day the cycle opens (a closing date before it could never be reached). Errors are
 * keyed `enabled`, `closesOn` and `statements-<theme id>`, every one reported at once.
 */
export function surveySettingsSchema(
  themes: ReadonlyArray<{ id: string; title: string }>,
  opensOn: string,
): z.ZodType<SurveySettingsValues, SurveySettingsState> {
  return z.custom<SurveySettingsState>().transform((state, ctx) => {
    const refuse = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', message, path: [field] });
    const enabled = enabledSchema.safeParse(state.enabled);
    if (!enabled.success) refuse('enabled', enabled.error.issues[0]!.message);
    let closesOn: string | null = null;
    const { day, month, year } = state.closesOn;
    if (day.trim() || month.trim() || year.trim()) {
      const parsed = parseDateParts(state.closesOn, 'The closing date');
      if (parsed.error) refuse('closesOn', parsed.error);
      else if (parsed.value && parsed.value < opensOn)
        refuse('closesOn', 'The closing date must be on or after the day the audit opens');
      else closesOn = parsed.value;
    }
    const statements: Record<string, string[]> = {};
    for (const theme of themes) {
      const lines = statementLines(state.statements[theme.id] ?? '');
      const field = `statements-${theme.id}`;
      if (lines.length > MAX_STATEMENTS_PER_THEME)
        refuse(field, `${theme.title}: write ${MAX_STATEMENTS_PER_THEME} statements or fewer, one a line`);
      else {
        const long = lines.findIndex((line) => line.length > STATEMENT_MAX);
        if (long >= 0)
          refuse(field, `${theme.title}: statement ${long + 1} must be ${STATEMENT_MAX} characters or fewer`);
      }
      statements[theme.id] = lines;
    }
    if (enabled.success && enabled.data === 'yes' && Object.values(statements).every((l) => l.length === 0))
      refuse(
        `statements-${themes[0]?.id ?? ''}`,
        'Write at least one statement for staff to answer, or choose not to run a staff survey',
      );
    return { enabled: enabled.data === 'yes', closesOn, statements };
  });
}
