/** The new-audit form: what was typed, and its validation. */
import { AGENCY_SECTORS, type AgencySector, CYCLE_KINDS, type CycleKind } from '../../db/schema.ts';
import {
  type DateParts,
  formatDateTime,
  londonTime,
  parseDateParts,
  parseTimeOfDay,
} from '../../lib/dates.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';

export interface CycleFormState {
  name: string;
  templateVersionId: string;
  opens: DateParts;
  opensTime: string;
  closes: DateParts;
  closesTime: string;
  localityIds: string[];
  invite: string;
  sectors: string[];
  introduction: string;
  kind: string;
  focusQuestionIds: string[];
  /** 'yes' or 'no': pre-fill each return from the agency's last submitted return. */
  carryForward: string;
  /** Other partnerships running this audit jointly with this one (none: not joint). */
  jointPartnershipIds: string[];
}

export const CYCLE_KIND_LABELS: Record<CycleKind, string> = {
  biennial: 'Every two years (biennial)',
  annual: 'Every year (annual)',
  rolling_academic_year: 'Rolling, by academic year',
};

export interface CycleValues {
  name: string;
  templateVersionId: string;
  opensAt: Date;
  closesAt: Date;
  localityIds: string[];
  /** Null: every sector. */
  sectors: AgencySector[] | null;
  introduction: string;
  kind: CycleKind;
  focusQuestionIds: string[];
  carryForward: boolean;
  jointPartnershipIds: string[];
}

const list = (raw: unknown): string[] =>
  (Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : []).filter(
    (v): v is string => typeof v === 'string',
  );

export function cycleFormState(body: Record<string, unknown>): CycleFormState {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const parts = (prefix: string): DateParts => ({
    day: s(`${prefix}-day`),
    month: s(`${prefix}-month`),
    year: s(`${prefix}-year`),
  });
  return {
    name: s('name'),
    templateVersionId: s('templateVersionId'),
    opens: parts('opens'),
    opensTime: s('opensTime'),
    closes: parts('closes'),
    closesTime: s('closesTime'),
    localityIds: list(body.localities),
    invite: s('invite'),
    sectors: list(body.sectors),
    introduction: s('introduction'),
    kind: s('kind'),
    focusQuestionIds: list(body.focusQuestionIds),
    carryForward: s('carryForward'),
    jointPartnershipIds: list(body.jointPartnershipIds),
  };
}

export function emptyCycleForm(localityIds: string[], templateVersionId: string): CycleFormState {
  const blank = { day: '', month: '', year: '' };
  return {
    name: '',
    templateVersionId,
    opens: blank,
    opensTime: '9am',
    closes: blank,
    closesTime: '5pm',
    localityIds,
    invite: 'all',
    sectors: [],
    introduction: '',
    kind: '',
    focusQuestionIds: [],
    carryForward: 'yes',
    jointPartnershipIds: [],
  };
}

/** A date and time in Europe/London, or an error on `field`. */
function dateTime(
  errors: FormErrorBuilder,
  field: string,
  label: string,
  parts: DateParts,
  timeText: string,
  timeField: string,
): Date | null {
  const date = parseDateParts(parts, label);
  if (date.error) errors.add(field, date.error, `${field}-day`);
  else if (!date.value) errors.add(field, `Enter ${label.toLowerCase()}`, `${field}-day`);
  const time = parseTimeOfDay(timeText);
  if (!time) errors.add(timeField, 'Enter a time, like 9am, 5pm or 17:00');
  return date.value && time ? londonTime(date.value, time) : null;
}

/** The fields a partnership admin can change after setting up: name, kind, introduction, focus questions. */
export interface CycleDetailsState {
  name: string;
  kind: string;
  introduction: string;
  focusQuestionIds: string[];
}

export interface CycleDetailsValues {
  name: string;
  kind: CycleKind;
  introduction: string;
  focusQuestionIds: string[];
}

export function cycleDetailsState(body: Record<string, unknown>): CycleDetailsState {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  return {
    name: s('name'),
    kind: s('kind'),
    introduction: s('introduction'),
    focusQuestionIds: list(body.focusQuestionIds),
  };
}

function checkName(errors: FormErrorBuilder, text: string): string {
  const name = text.trim();
  if (!name) errors.add('name', 'Enter a name for the audit, like Section 11 audit 2027');
  else if (name.length > 200) errors.add('name', 'The name must be 200 characters or fewer');
  return name;
}

function checkKind(errors: FormErrorBuilder, text: string): CycleKind | null {
  const kind = CYCLE_KINDS.find((k) => k === text) ?? null;
  if (!kind) errors.add('kind', 'Select how often this audit runs', 'kind');
  return kind;
}

/** The longest introduction for agencies. */
export const INTRODUCTION_MAX = 5000;

function checkIntroduction(errors: FormErrorBuilder, text: string): string {
  const introduction = text.replace(/\r\n/g, '\n').trim();
  if (introduction.length > INTRODUCTION_MAX)
    errors.add(
      'introduction',
      `The introduction must be ${INTRODUCTION_MAX.toLocaleString('en-GB')} characters or fewer`,
    );
  return introduction;
}

/** Focus questions must be questions of the template version the agencies answer. */
function checkFocus(errors: FormErrorBuilder, ids: string[], questionIds: ReadonlySet<string>): string[] {
  const focus = [...new Set(ids)];
  if (focus.some((id) => !questionIds.has(id)))
    errors.add(
      'focusQuestionIds',
      'Select focus questions only from the template the agencies will answer',
      'focusQuestionIds',
    );
  return focus;
}

export function parseCycleDetails(
  state: CycleDetailsState,
  questionIds: ReadonlySet<string>,
): { values: CycleDetailsValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const name = checkName(errors, state.name);
  const kind = checkKind(errors, state.kind);
  const introduction = checkIntroduction(errors, state.introduction);
  const focusQuestionIds = checkFocus(errors, state.focusQuestionIds, questionIds);
  if (errors.hasErrors || !kind) return { errors: errors.build() };
  return { values: { name, kind, introduction, focusQuestionIds } };
}

export function parseCycleForm(
  state: CycleFormState,
  allowed: {
    templateVersionIds: ReadonlySet<string>;
    localityIds: ReadonlySet<string>;
    /** Each published version's question ids, for the focus questions. */
    questionIdsByVersion: ReadonlyMap<string, ReadonlySet<string>>;
    /** The partnerships this one may run the audit jointly with. */
    jointPartnershipIds?: ReadonlySet<string>;
  },
  now: Date,
): { values: CycleValues; errors?: undefined } | { values?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const name = checkName(errors, state.name);
  const kind = checkKind(errors, state.kind);
  if (!allowed.templateVersionIds.has(state.templateVersionId))
    errors.add('templateVersionId', 'Select the template the agencies will answer', 'templateVersionId');
  const opensAt = dateTime(errors, 'opens', 'The opening date', state.opens, state.opensTime, 'opensTime');
  const closesAt = dateTime(
    errors,
    'closes',
    'The closing date',
    state.closes,
    state.closesTime,
    'closesTime',
  );
  if (closesAt && closesAt <= now)
    errors.add('closes', `The closing date must be after ${formatDateTime(now)}`, 'closes-day');
  else if (opensAt && closesAt && closesAt <= opensAt)
    errors.add('closes', 'The closing date must be after the opening date', 'closes-day');
  const localityIds = [...new Set(state.localityIds)];
  if (localityIds.length === 0 || localityIds.some((id) => !allowed.localityIds.has(id)))
    errors.add('localities', 'Select the localities taking part', 'localities');
  let sectors: AgencySector[] | null = null;
  if (state.invite === 'sectors') {
    sectors = AGENCY_SECTORS.filter((s) => state.sectors.includes(s));
    if (sectors.length === 0) errors.add('sectors', 'Select at least one sector to invite', 'sectors');
  } else if (state.invite !== 'all') errors.add('invite', 'Select which agencies to invite', 'invite');
  const introduction = checkIntroduction(errors, state.introduction);
  const focusQuestionIds = checkFocus(
    errors,
    state.focusQuestionIds,
    allowed.questionIdsByVersion.get(state.templateVersionId) ?? new Set(),
  );
  if (state.carryForward !== 'yes' && state.carryForward !== 'no')
    errors.add('carryForward', 'Select whether to pre-fill returns from the last audit', 'carryForward');
  const jointPartnershipIds = [...new Set(state.jointPartnershipIds)];
  if (jointPartnershipIds.some((id) => !allowed.jointPartnershipIds?.has(id)))
    errors.add(
      'jointPartnershipIds',
      'Select only partnerships that share agencies with yours',
      'jointPartnershipIds',
    );
  if (errors.hasErrors || !opensAt || !closesAt || !kind) return { errors: errors.build() };
  return {
    values: {
      name,
      templateVersionId: state.templateVersionId,
      opensAt,
      closesAt,
      localityIds,
      sectors,
      introduction,
      kind,
      focusQuestionIds,
      carryForward: state.carryForward === 'yes',
      jointPartnershipIds,
    },
  };
}
