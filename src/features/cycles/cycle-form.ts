/** The new-audit and audit-details forms: what was typed, and each form's one schema. */
import { z } from 'zod';
import { AGENCY_SECTORS, type AgencySector, CYCLE_KINDS, type CycleKind } from '../../db/schema.ts';
import { type DateParts, formatDateTime, londonTime, parseTimeOfDay } from '../../lib/dates.ts';
import { dateFieldId, datePartsField, EMPTY_DATE, requiredDate } from '../../web/form-fields.ts';
import { type FormBody, listField, textField } from '../../web/form-route.ts';

export interface CycleFormState {
  name: string;
  templateVersionId: string;
  opens: DateParts;
  opensTime: string;
  closes: DateParts;
  closesTime: string;
  /** The localities taking part (the form's `localities` boxes). */
  localities: string[];
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

export function cycleFormState(body: FormBody): CycleFormState {
  return {
    name: textField(body, 'name'),
    templateVersionId: textField(body, 'templateVersionId'),
    opens: datePartsField(body, 'opens'),
    opensTime: textField(body, 'opensTime'),
    closes: datePartsField(body, 'closes'),
    closesTime: textField(body, 'closesTime'),
    localities: listField(body, 'localities'),
    invite: textField(body, 'invite'),
    sectors: listField(body, 'sectors'),
    introduction: textField(body, 'introduction'),
    kind: textField(body, 'kind'),
    focusQuestionIds: listField(body, 'focusQuestionIds'),
    carryForward: textField(body, 'carryForward'),
    jointPartnershipIds: listField(body, 'jointPartnershipIds'),
  };
}

export function emptyCycleForm(localityIds: string[], templateVersionId: string): CycleFormState {
  return {
    name: '',
    templateVersionId,
    opens: EMPTY_DATE,
    opensTime: '9am',
    closes: EMPTY_DATE,
    closesTime: '5pm',
    localities: localityIds,
    invite: 'all',
    sectors: [],
    introduction: '',
    kind: '',
    focusQuestionIds: [],
    carryForward: 'yes',
    jointPartnershipIds: [],
  };
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

export function cycleDetailsState(body: FormBody): CycleDetailsState {
  return {
    name: textField(body, 'name'),
    kind: textField(body, 'kind'),
    introduction: textField(body, 'introduction'),
    focusQuestionIds: listField(body, 'focusQuestionIds'),
  };
}

/** The longest introduction for agencies. */
export const INTRODUCTION_MAX = 5000;

const nameField = z
  .string()
  .trim()
  .min(1, 'Enter a name for the audit, like Section 11 audit 2027')
  .max(200, 'The name must be 200 characters or fewer');

const kindField = z
  .string()
  .refine((v) => (CYCLE_KINDS as readonly string[]).includes(v), 'Select how often this audit runs')
  .transform((v) => v as CycleKind);

const introductionField = z
  .string()
  .transform((v) => v.replace(/\r\n/g, '\n').trim())
  .pipe(
    z
      .string()
      .max(
        INTRODUCTION_MAX,
        `The introduction must be ${INTRODUCTION_MAX.toLocaleString('en-GB')} characters or fewer`,
      ),
  );

/** Focus questions must be questions of the template version the agencies answer. */
const focusOf = (ids: string[]) => [...new Set(ids)];
const FOCUS_MESSAGE = 'Select focus questions only from the template the agencies will answer';

/** The details form's schema, given the questions of the template the agencies answer. */
export const cycleDetailsSchema = (questionIds: ReadonlySet<string>) =>
  z.object({
    name: nameField,
    kind: kindField,
    introduction: introductionField,
    focusQuestionIds: z
      .array(z.string())
      .refine((ids) => ids.every((id) => questionIds.has(id)), FOCUS_MESSAGE)
      .transform(focusOf),
  }) satisfies z.ZodType<CycleDetailsValues, CycleDetailsState>;

/**
 * A date in three boxes, named by `label` in its messages. Its errors are continuable so the
 * cross-field rules still run over the rest; '' (not given) while it has one.
 */
const dateField = (label: string) =>
  requiredDate(label, `Enter ${label.toLowerCase()}`, { continuable: true });

const timeField = z.string().transform((text, ctx) => {
  const time = parseTimeOfDay(text);
  if (!time)
    ctx.addIssue({ code: 'custom', message: 'Enter a time, like 9am, 5pm or 17:00', continue: true });
  return time;
});

const when = (date: string, time: string | null) => (date && time ? londonTime(date, time) : null);

/** What the new-audit form may choose from: the published templates, localities and partners. */
export interface CycleChoices {
  templateVersionIds: ReadonlySet<string>;
  localityIds: ReadonlySet<string>;
  /** Each published version's question ids, for the focus questions. */
  questionIdsByVersion: ReadonlyMap<string, ReadonlySet<string>>;
  /** The partnerships this one may run the audit jointly with. */
  jointPartnershipIds?: ReadonlySet<string>;
}

/** The new-audit form's schema, given what it may choose from and the time now. */
export const cycleFormSchema = (allowed: CycleChoices, now: Date) =>
  z
    .object({
      name: nameField,
      kind: kindField,
      templateVersionId: z
        .string()
        .refine((id) => allowed.templateVersionIds.has(id), 'Select the template the agencies will answer'),
      opens: dateField('The opening date'),
      opensTime: timeField,
      closes: dateField('The closing date'),
      closesTime: timeField,
      localities: z
        .array(z.string())
        .refine(
          (ids) => ids.length > 0 && ids.every((id) => allowed.localityIds.has(id)),
          'Select the localities taking part',
        )
        .transform((ids) => [...new Set(ids)]),
      invite: z.string().refine((v) => v === 'all' || v === 'sectors', 'Select which agencies to invite'),
      sectors: z.array(z.string()).transform((s) => AGENCY_SECTORS.filter((x) => s.includes(x))),
      introduction: introductionField,
      focusQuestionIds: z.array(z.string()).transform(focusOf),
      carryForward: z
        .string()
        .refine((v) => v === 'yes' || v === 'no', 'Select whether to pre-fill returns from the last audit'),
      jointPartnershipIds: z
        .array(z.string())
        .refine(
          (ids) => ids.every((id) => allowed.jointPartnershipIds?.has(id)),
          'Select only partnerships that share agencies with yours',
        )
        .transform((ids) => [...new Set(ids)]),
    })
    .superRefine((v, ctx) => {
      const opensAt = when(v.opens, v.opensTime);
      const closesAt = when(v.closes, v.closesTime);
      if (closesAt && closesAt <= now)
        ctx.addIssue({
          code: 'custom',
          path: ['closes'],
          message: `The closing date must be after ${formatDateTime(now)}`,
        });
      else if (opensAt && closesAt && closesAt <= opensAt)
        ctx.addIssue({
          code: 'custom',
          path: ['closes'],
          message: 'The closing date must be after the opening date',
        });
      if (v.invite === 'sectors' && v.sectors.length === 0)
        ctx.addIssue({ code: 'custom', path: ['sectors'], message: 'Select at least one sector to invite' });
      const questionIds = allowed.questionIdsByVersion.get(v.templateVersionId) ?? new Set();
      if (v.focusQuestionIds.some((id) => !questionIds.has(id)))
        ctx.addIssue({ code: 'custom', path: ['focusQuestionIds'], message: FOCUS_MESSAGE });
    })
    .transform(
      (v): CycleValues => ({
        name: v.name,
        templateVersionId: v.templateVersionId,
        // Both are given once the schema passes.
        opensAt: when(v.opens, v.opensTime)!,
        closesAt: when(v.closes, v.closesTime)!,
        localityIds: v.localities,
        sectors: v.invite === 'sectors' ? v.sectors : null,
        introduction: v.introduction,
        kind: v.kind,
        focusQuestionIds: v.focusQuestionIds,
        carryForward: v.carryForward === 'yes',
        jointPartnershipIds: v.jointPartnershipIds,
      }),
    );

/** A date's error links to its first box. */
export const cycleFieldId = dateFieldId('opens', 'closes');
