/**
 * The database schema (PostgreSQL dialect; runs on PGlite and on a PostgreSQL server).
 * Every row that belongs to a partnership carries `partnership_id`; repositories always filter by it.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const partnershipId = () =>
  uuid('partnership_id')
    .notNull()
    .references(() => partnerships.id, { onDelete: 'cascade' });

export const partnerships = pgTable(
  'partnerships',
  {
    id: id(),
    name: text('name').notNull(),
    /** Lowercase letters, digits and hyphens; unique; used in web addresses. */
    shortName: text('short_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    /** Shown to agencies on their returns list and each return's task list. */
    introduction: text('introduction').notNull().default(''),
    /** The header's background colour (#rrggbb), on which white text reaches 4.5:1; null: the default. */
    headerColour: text('header_colour'),
    /** Guidance and FAQ readable, and enquiries taken, without signing in at /p/<short name>/… */
    publicPages: boolean('public_pages').notNull().default(false),
    /** Reminder emails to action owners: due in 14 days, and overdue. */
    actionReminders: boolean('action_reminders').notNull().default(false),
    /** Days between reminders of an overdue action; 0: one overdue reminder only. */
    overdueReminderDays: integer('overdue_reminder_days').notNull().default(7),
    /**
     * Years after an audit closes that the names, email addresses and contact details of the people
     * in it are kept; then the retention job anonymises them (grades and figures stay).
     */
    retentionYears: integer('retention_years').notNull().default(6),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('partnerships_short_name').on(t.shortName)],
);

export const localities = pgTable(
  'localities',
  {
    id: id(),
    partnershipId: partnershipId(),
    name: text('name').notNull(),
    retiredAt: timestamp('retired_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('localities_partnership_name').on(t.partnershipId, t.name)],
);

export const AGENCY_SECTORS = [
  'la-childrens-services',
  'la-adult-social-care',
  'la-education',
  'la-housing',
  'la-public-health',
  'la-other',
  'district-council',
  'nhs-trust',
  'integrated-care-board',
  'general-practice',
  'other-health',
  'police',
  'british-transport-police',
  'probation',
  'prison-yoi',
  'secure-training-centre',
  'youth-justice',
  'cafcass',
  'school-college',
  'early-years',
  'voluntary-community-faith',
  'commissioned-provider',
  'other',
] as const;
export type AgencySector = (typeof AGENCY_SECTORS)[number];

/** An agency is not owned by one partnership: it may be a member of several. */
export const agencies = pgTable('agencies', {
  id: id(),
  name: text('name').notNull(),
  sector: text('sector').$type<AgencySector>().notNull(),
  /** 'statutory': Section 11 applies by law; 'voluntary': takes part voluntarily. */
  section11Basis: text('section11_basis').$type<'statutory' | 'voluntary'>().notNull(),
  /**
   * Organisation codes that identify the agency across partnerships, each optional and stored in
   * its normal form (upper case, no spaces): NHS ODS code, a school's URN, Companies House number
   * and charity number. Shared by every partnership the agency belongs to.
   */
  odsCode: text('ods_code'),
  urn: text('urn'),
  companyNumber: text('company_number'),
  charityNumber: text('charity_number'),
  createdAt: createdAt(),
});

export const agencyMemberships = pgTable(
  'agency_memberships',
  {
    partnershipId: partnershipId(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    leadContactEmail: text('lead_contact_email'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.agencyId] })],
);

export const agencyLocalities = pgTable(
  'agency_localities',
  {
    partnershipId: partnershipId(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    localityId: uuid('locality_id')
      .notNull()
      .references(() => localities.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.agencyId, t.localityId] }),
    index('agency_localities_partnership').on(t.partnershipId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Stored lower-cased. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    jobTitle: text('job_title'),
    phone: text('phone'),
    isPlatformAdmin: boolean('is_platform_admin').notNull().default(false),
    /** When they last signed in (shown to the partnership on an agency's people page). */
    lastSignedInAt: timestamp('last_signed_in_at', { withTimezone: true }),
    /** Their display settings (high contrast, larger text); null until they choose (the GOV.UK look). */
    displaySettings: jsonb('display_settings').$type<{ contrast: string; textSize: string }>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email').on(t.email)],
);

export type PartnershipRole = 'partnership_admin' | 'reviewer';
export const partnershipRoles = pgTable(
  'partnership_roles',
  {
    partnershipId: partnershipId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<PartnershipRole>().notNull(),
    createdAt: createdAt(),
  },
  // Each signed-in request reads the person's roles by the person (migration 0046).
  (t) => [primaryKey({ columns: [t.partnershipId, t.userId] }), index('partnership_roles_user').on(t.userId)],
);

export type AgencyRole = 'agency_lead' | 'contributor';
export const agencyUsers = pgTable(
  'agency_users',
  {
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').$type<AgencyRole>().notNull(),
    createdAt: createdAt(),
  },
  // Each signed-in request reads the person's agencies by the person (migration 0046): without it,
  // every agency's people were read for each request (9,000 in the national data, 0.37 ms of 0.46).
  (t) => [primaryKey({ columns: [t.agencyId, t.userId] }), index('agency_users_user').on(t.userId)],
);

/**
 * An invitation to someone who already had an account: it gives no rights until they accept it
 * (on their home page), and until then the inviters see the name they typed, never the account's.
 * A partnership role (`agency_id` null) or an agency role; `partnership_id` is then the partnership
 * whose admin invited (null when the agency's lead invited a colleague).
 */
export const invitations = pgTable(
  'invitations',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id').references(() => agencies.id, { onDelete: 'cascade' }),
    role: text('role').$type<PartnershipRole | AgencyRole>().notNull(),
    /** The name the inviter typed: what the inviters see until the person accepts. */
    invitedName: text('invited_name').notNull(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('invitations_partnership_user').on(t.partnershipId, t.userId).where(sql`agency_id is null`),
    uniqueIndex('invitations_agency_user').on(t.agencyId, t.userId).where(sql`agency_id is not null`),
    index('invitations_user').on(t.userId),
    check(
      'invitations_target',
      sql`(agency_id is null and partnership_id is not null and role in ('partnership_admin', 'reviewer'))
        or (agency_id is not null and role in ('agency_lead', 'contributor'))`,
    ),
  ],
);

export const templates = pgTable(
  'templates',
  {
    id: id(),
    partnershipId: partnershipId(),
    key: text('key').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    createdAt: createdAt(),
  },
  // A template's key names it in files and the library: one per partnership, whoever saves at once.
  (t) => [uniqueIndex('templates_partnership_key').on(t.partnershipId, t.key)],
);

export interface GradeDescriptorsJson {
  red: string;
  amber: string;
  green: string;
}

/** A template version: being written (draft), in use for new audits (published), or no longer offered. */
export type VersionStatus = 'draft' | 'published' | 'retired';
export const templateVersions = pgTable(
  'template_versions',
  {
    id: id(),
    partnershipId: partnershipId(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => templates.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status').$type<VersionStatus>().notNull(),
    gradeDescriptors: jsonb('grade_descriptors').$type<GradeDescriptorsJson>().notNull(),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('template_versions_template_version').on(t.templateId, t.version)],
);

export const templateThemes = pgTable(
  'template_themes',
  {
    id: id(),
    partnershipId: partnershipId(),
    templateVersionId: uuid('template_version_id')
      .notNull()
      .references(() => templateVersions.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    guidance: text('guidance').notNull().default(''),
    gradeDescriptors: jsonb('grade_descriptors').$type<GradeDescriptorsJson>(),
    /** Empty: applies in every locality. Otherwise only to agencies serving one of these. */
    localityIds: uuid('locality_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** Empty: applies to agencies of every sector. Otherwise only to agencies in one of these sectors. */
    sectors: text('sectors').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [uniqueIndex('template_themes_version_key').on(t.templateVersionId, t.key)],
);

/**
 * How a question is answered.
 * - `graded`: Not met / Partly met / Fully met / N/A. `yes_no`: Yes / No / N/A (fixed answers).
 * - `four_level`: four named levels, `choose_one`: one of the named choices, `choose_many`: any of
 *   them (the levels and choices come from the question's `options`, which say which count as met
 *   and which generate an action).
 * - `text`, `number`, `date`: a free answer, never met and never an action (left out of scores).
 */
export type ResponseScale =
  | 'graded'
  | 'yes_no'
  | 'four_level'
  | 'choose_one'
  | 'choose_many'
  | 'text'
  | 'number'
  | 'date';
export interface ScaleOptionJson {
  key: string;
  label: string;
  met: boolean;
  action: boolean;
}
export interface QuestionConditionJson {
  questionId: string;
  answers: string[];
}
export const templateQuestions = pgTable(
  'template_questions',
  {
    id: id(),
    partnershipId: partnershipId(),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => templateThemes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    guidance: text('guidance').notNull().default(''),
    scale: text('scale').$type<ResponseScale>().notNull(),
    evidencePrompt: text('evidence_prompt').notNull().default(''),
    /** An optional question may be left unanswered without blocking its theme or counting Red. */
    required: boolean('required').notNull().default(true),
    /** Weight of the question in the theme's and the return's scores (0 leaves it out). */
    weight: integer('weight').notNull().default(1),
    /** The named levels or choices of scales that have them, each saying whether it counts as met and
     * whether it generates an action. Empty for scales with fixed answers. */
    options: jsonb('options').$type<ScaleOptionJson[]>().notNull().default(sql`'[]'::jsonb`),
    /** Shown only when an earlier question of the same theme has one of these answers; null: always. */
    showWhen: jsonb('show_when').$type<QuestionConditionJson>(),
  },
  (t) => [uniqueIndex('template_questions_theme_key').on(t.themeId, t.key)],
);

/**
 * Every change to a draft template version made in the browser: who, which field of which record
 * (the draft's details, a theme or a question), when, old and new value. `fieldKey` names the field
 * as the conflict rule does (src/web/form-version.ts), to say who last changed it.
 */
export const templateDraftHistory = pgTable(
  'template_draft_history',
  {
    id: id(),
    partnershipId: partnershipId(),
    templateVersionId: uuid('template_version_id')
      .notNull()
      .references(() => templateVersions.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    fieldKey: text('field_key').notNull(),
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    createdAt: createdAt(),
  },
  (t) => [index('template_draft_history_version').on(t.templateVersionId, t.fieldKey, t.createdAt)],
);

/**
 * A published template version offered by its partnership (`partnership_id`, the sharer) to every
 * other partnership or to named ones. Others copy it into their own templates; nothing links back.
 */
export const templateShares = pgTable(
  'template_shares',
  {
    id: id(),
    partnershipId: partnershipId(),
    templateVersionId: uuid('template_version_id')
      .notNull()
      .references(() => templateVersions.id, { onDelete: 'cascade' }),
    allPartnerships: boolean('all_partnerships').notNull(),
    /** When not shared with all: the partnerships it is shared with. */
    recipientPartnershipIds: uuid('recipient_partnership_ids').array().notNull().default(sql`'{}'::uuid[]`),
    sharedBy: uuid('shared_by').references(() => users.id, { onDelete: 'set null' }),
    sharedAt: timestamp('shared_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('template_shares_version').on(t.templateVersionId)],
);

export const CYCLE_KINDS = ['biennial', 'annual', 'rolling_academic_year'] as const;
export type CycleKind = (typeof CYCLE_KINDS)[number];

export const cycles = pgTable('cycles', {
  id: id(),
  partnershipId: partnershipId(),
  templateVersionId: uuid('template_version_id')
    .notNull()
    .references(() => templateVersions.id),
  name: text('name').notNull(),
  opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
  closesAt: timestamp('closes_at', { withTimezone: true }).notNull(),
  introduction: text('introduction').notNull().default(''),
  /** Automatic reminders: days before each return's deadline, and days after it for overdue returns. */
  reminderDaysBefore: integer('reminder_days_before').array().notNull().default(sql`'{14,3}'::integer[]`),
  reminderDaysAfter: integer('reminder_days_after').array().notNull().default(sql`'{1}'::integer[]`),
  /** How often the partnership runs the audit; null for cycles set up before it was asked. */
  kind: text('kind').$type<CycleKind>(),
  /** Questions of the template version highlighted to agencies this cycle. */
  focusQuestionIds: uuid('focus_question_ids').array().notNull().default(sql`'{}'::uuid[]`),
  /** Whether each return was pre-filled from the agency's last submitted return when set up. */
  carryForward: boolean('carry_forward').notNull().default(false),
  /** When the retention job anonymised the people in this audit (past the partnership's period). */
  anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const cycleLocalities = pgTable(
  'cycle_localities',
  {
    partnershipId: partnershipId(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    localityId: uuid('locality_id')
      .notNull()
      .references(() => localities.id),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.localityId] })],
);

export const RETURN_STATUSES = [
  'not_started',
  'in_progress',
  'submitted',
  'returned',
  'resubmitted',
  'accepted',
] as const;
export type ReturnStatus = (typeof RETURN_STATUSES)[number];

/** One agency's self-assessment in a cycle. Created when the agency is invited. */
export const returns = pgTable(
  'returns',
  {
    id: id(),
    partnershipId: partnershipId(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id),
    status: text('status').$type<ReturnStatus>().notNull().default('not_started'),
    reference: text('reference'),
    completerName: text('completer_name'),
    completerRole: text('completer_role'),
    completerEmail: text('completer_email'),
    completerPhone: text('completer_phone'),
    signoffName: text('signoff_name'),
    signoffJobTitle: text('signoff_job_title'),
    signoffDate: date('signoff_date'),
    signoffConfirmedAt: timestamp('signoff_confirmed_at', { withTimezone: true }),
    signoffRecordedBy: uuid('signoff_recorded_by').references(() => users.id),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    submittedBy: uuid('submitted_by').references(() => users.id),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }),
    /** This agency's own deadline, when the partnership has given it more time than the cycle. */
    extendedUntil: timestamp('extended_until', { withTimezone: true }),
    extensionReason: text('extension_reason'),
    /** The agency's earlier return this one was pre-filled from (carry forward), if any. */
    carriedForwardFromReturnId: uuid('carried_forward_from_return_id').references(
      (): AnyPgColumn => returns.id,
      { onDelete: 'set null' },
    ),
    /**
     * While the return is returned for changes: the themes the partnership reopened, the only ones
     * the agency may change. Emptied when the agency resubmits.
     */
    reopenedThemeIds: uuid('reopened_theme_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /**
     * The agency's name in lower case, the order a cycle's lists are read in: kept by the database
     * (set when the return is made, and again when the agency is renamed: migration 0039), so the
     * API reads a page through `returns_cycle_sort` at the cost of a page at any size of audit.
     */
    agencySortName: text('agency_sort_name').notNull().default(''),
    /**
     * How many actions the return has: kept by the database (migration 0043, as actions are added,
     * deleted or moved), so the API counts an audit's actions by reading its returns, not its actions.
     */
    actionCount: integer('action_count').notNull().default(0),
    /**
     * The agency's sector and its localities in the return's partnership (in order), which decide
     * the themes that apply to it: kept by the database (migration 0044: set when the return is made,
     * and again when the agency's sector or localities change), so the API counts the rows of an
     * audit's answers by reading its returns alone. Empty only until the trigger has set it.
     */
    agencySector: text('agency_sector').$type<AgencySector | ''>().notNull().default(''),
    localityIds: uuid('locality_ids').array().notNull().default(sql`'{}'::uuid[]`),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('returns_cycle_agency').on(t.cycleId, t.agencyId),
    uniqueIndex('returns_reference').on(t.reference),
    index('returns_partnership').on(t.partnershipId),
    index('returns_cycle_sort').on(t.cycleId, t.agencySortName, t.id),
  ],
);

export const RESPONSES = ['fully_met', 'partly_met', 'not_met', 'yes', 'no', 'na'] as const;
export type Response = (typeof RESPONSES)[number];

export const answers = pgTable(
  'answers',
  {
    id: id(),
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id')
      .notNull()
      .references(() => templateQuestions.id),
    /** The chosen answer: a fixed one of graded and yes_no, or the key of the chosen level or choice
     * (four_level, choose_one). Null for the other scales and while unanswered. */
    response: text('response').$type<Response | (string & {})>(),
    /** The keys of the chosen options of a choose_many question, in the template's order. */
    choices: text('choices').array().notNull().default(sql`'{}'::text[]`),
    /** The answer to a text, number (as typed, normalised: 12.5) or date (2027-03-31) question. */
    value: text('value').notNull().default(''),
    naReason: text('na_reason').notNull().default(''),
    evidenceDocument: text('evidence_document').notNull().default(''),
    evidenceLocation: text('evidence_location').notNull().default(''),
    comment: text('comment').notNull().default(''),
    impact: text('impact').notNull().default(''),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    /** Pre-filled from this earlier return of the agency (carry forward). */
    carriedForwardFromReturnId: uuid('carried_forward_from_return_id').references(() => returns.id, {
      onDelete: 'set null',
    }),
    /** When the answer was pre-filled; with no `confirmedAt` it counts as unanswered. */
    carriedForwardAt: timestamp('carried_forward_at', { withTimezone: true }),
    /** When the agency confirmed or changed a pre-filled answer. */
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('answers_return_question').on(t.returnId, t.questionId),
    check(
      'answers_response_valid',
      sql`${t.response} is null or ${t.response} in ('fully_met','partly_met','not_met','yes','no','na') or ${t.response} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`,
    ),
  ],
);

export type Rag = 'red' | 'amber' | 'green';
/** The agency's own rating of a theme, and whether it has marked the theme complete. */
export const themeRatings = pgTable(
  'theme_ratings',
  {
    id: id(),
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => templateThemes.id),
    rating: text('rating').$type<Rag>(),
    justification: text('justification').notNull().default(''),
    /** Set when the agency marks the theme complete (all rules met); cleared by later edits. */
    completedAt: timestamp('completed_at', { withTimezone: true }),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('theme_ratings_return_theme').on(t.returnId, t.themeId)],
);

export const ACTION_STATUSES = ['not_started', 'in_progress', 'completed', 'no_longer_needed'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * An improvement the agency commits to. Those with a question come from a Not met / Partly met / No
 * answer; those with only a theme come from a Red or Amber theme rating.
 */
export const actions = pgTable(
  'actions',
  {
    id: id(),
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => templateThemes.id),
    questionId: uuid('question_id').references(() => templateQuestions.id),
    description: text('description').notNull(),
    targetDate: date('target_date'),
    leadPerson: text('lead_person').notNull().default(''),
    successCriteria: text('success_criteria').notNull().default(''),
    status: text('status').$type<ActionStatus>().notNull().default('not_started'),
    /** The open action of an earlier return this one was carried forward from. */
    carriedForwardFromActionId: uuid('carried_forward_from_action_id').references(
      (): AnyPgColumn => actions.id,
      { onDelete: 'set null' },
    ),
    /** Agreed at this challenge event (with a theme the partnership chose, and no question). */
    challengeEventId: uuid('challenge_event_id').references((): AnyPgColumn => challengeEvents.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('actions_return').on(t.returnId),
    // Each return's open actions by target date: what the results read as overdue, return by return
    // of the audit (migration 0045). Kept by partnership instead (0040), they were read through each
    // return's actions, all of them, keeping a third (a closed audit of the national data, 9,622
    // overdue actions: 25-30 ms against 46-53 ms in the database).
    index('actions_open_return_due')
      .on(t.returnId, t.targetDate)
      .where(sql`${t.status} in ('not_started', 'in_progress')`),
    uniqueIndex('actions_return_question')
      .on(t.returnId, t.questionId)
      .where(sql`${t.questionId} is not null`),
    // One action per theme rating of the return; actions carried forward from an earlier rating are
    // kept beside it.
    uniqueIndex('actions_return_theme_rating')
      .on(t.returnId, t.themeId)
      .where(
        sql`${t.questionId} is null and ${t.challengeEventId} is null and ${t.carriedForwardFromActionId} is null`,
      ),
  ],
);

export const actionUpdates = pgTable('action_updates', {
  id: id(),
  partnershipId: partnershipId(),
  actionId: uuid('action_id')
    .notNull()
    .references(() => actions.id, { onDelete: 'cascade' }),
  status: text('status').$type<ActionStatus>().notNull(),
  note: text('note').notNull(),
  userId: uuid('user_id').references(() => users.id),
  createdAt: createdAt(),
});

/** Every change to a return: who, what, when, old and new value. */
export const returnHistory = pgTable(
  'return_history',
  {
    id: id(),
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    event: text('event').notNull(),
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    /** Why, where the change needs a reason (a deadline extension). */
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('return_history_return').on(t.returnId, t.createdAt)],
);

/** What `record_history` rows are about: records people edit outside a return (issue 10). */
export type HistoryRecordKind =
  | 'findings_report'
  | 'partnership_page'
  | 'partnership_details'
  | 'challenge_event'
  | 'moderated_grade'
  /** An audit cycle's details and automatic reminders (the cycle's id). */
  | 'audit_cycle'
  /** An audit cycle's staff survey settings (the cycle's id). */
  | 'staff_survey';

/**
 * Every saved change to a record edited outside a return (a findings report draft, a guidance or FAQ
 * page, the partnership's details): who, which field, when, old and new value. `record_id` names the
 * record within its kind (the report's id, the page's kind, the partnership's id).
 */
export const recordHistory = pgTable(
  'record_history',
  {
    id: id(),
    partnershipId: partnershipId(),
    recordKind: text('record_kind').$type<HistoryRecordKind>().notNull(),
    recordId: text('record_id').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    field: text('field').notNull(),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    createdAt: createdAt(),
  },
  (t) => [index('record_history_record').on(t.partnershipId, t.recordKind, t.recordId, t.field, t.createdAt)],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the session cookie's value. */
    idHash: text('id_hash').primaryKey(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

export const signInTokens = pgTable(
  'sign_in_tokens',
  {
    id: id(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    redirectTo: text('redirect_to'),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('sign_in_tokens_hash').on(t.tokenHash)],
);

export const outgoingMail = pgTable(
  'outgoing_mail',
  {
    id: id(),
    /** Order of sending, even within one clock tick. */
    seq: integer('seq').generatedAlwaysAsIdentity(),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    bodyText: text('body_text').notNull(),
    /** kept: no transport (development mailbox); queued → sent, or failed after the last retry. */
    status: text('status').$type<'kept' | 'queued' | 'sent' | 'failed'>().notNull(),
    transport: text('transport').notNull(),
    /** Delivery attempts made so far. */
    attempts: integer('attempts').notNull().default(0),
    /** The last delivery error. */
    error: text('error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outgoing_mail_created').on(t.createdAt)],
);

/**
 * Which contributors answer which theme of a return. An agency lead assigns them; a contributor may
 * open and save only the themes assigned to them. Agency leads work on every theme.
 */
export const themeAssignments = pgTable(
  'theme_assignments',
  {
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => templateThemes.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.returnId, t.themeId, t.userId] }),
    index('theme_assignments_user').on(t.userId),
  ],
);

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

/** A partnership's logo (PNG or JPEG, checked by its bytes), served with a hash in its address. */
export const partnershipLogos = pgTable('partnership_logos', {
  partnershipId: uuid('partnership_id')
    .primaryKey()
    .references(() => partnerships.id, { onDelete: 'cascade' }),
  contentType: text('content_type').$type<'image/png' | 'image/jpeg'>().notNull(),
  bytes: bytea('bytes').notNull(),
  /** SHA-256 of the bytes, hex: the address changes when the image does, so it is cached for long. */
  sha256: text('sha256').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
export type EnquiryStatus = 'open' | 'answered' | 'closed';
/**
 * A Section 11 enquiry: a thread between an agency and a partnership. `open` waits for the
 * partnership, `answered` for the agency; the partnership's admins close and reopen it.
 */
export const enquiries = pgTable(
  'enquiries',
  {
    id: id(),
    partnershipId: partnershipId(),
    /** The agency writing; null for an enquiry from the public (its sender's details below). */
    agencyId: uuid('agency_id').references(() => agencies.id, { onDelete: 'cascade' }),
    /** From the public form: who wrote, their email address (replies go there) and organisation. */
    publicName: text('public_name'),
    publicEmail: text('public_email'),
    publicOrganisation: text('public_organisation'),
    /** The return it is about, if the agency chose one. */
    returnId: uuid('return_id').references(() => returns.id, { onDelete: 'set null' }),
    subject: text('subject').notNull(),
    status: text('status').$type<EnquiryStatus>().notNull().default('open'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    lastActivityAt: timestamp('last_activity_at', { withTimezone: true }).notNull().defaultNow(),
    /** The last message (by `seq`) the partnership's admins have read: later agency messages are unread. */
    partnershipReadSeq: integer('partnership_read_seq').notNull().default(0),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('enquiries_partnership_activity').on(t.partnershipId, t.lastActivityAt),
    index('enquiries_agency').on(t.agencyId),
    check('enquiries_status_valid', sql`${t.status} in ('open','answered','closed')`),
    check('enquiries_from_agency_or_public', sql`${t.agencyId} is not null or ${t.publicEmail} is not null`),
  ],
);

export const enquiryMessages = pgTable(
  'enquiry_messages',
  {
    id: id(),
    /** Order of writing, even within one clock tick. */
    seq: integer('seq').generatedAlwaysAsIdentity(),
    partnershipId: partnershipId(),
    enquiryId: uuid('enquiry_id')
      .notNull()
      .references(() => enquiries.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    /** The author's name when written, so the thread keeps it if the person is removed. */
    authorName: text('author_name').notNull(),
    /** Written for the partnership (true) or for the agency (false). */
    fromPartnership: boolean('from_partnership').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('enquiry_messages_enquiry').on(t.enquiryId, t.createdAt)],
);

export type PartnershipPageKind = 'guidance' | 'faq';
/** A partnership's guidance and FAQ pages, written by its admins in the simple format. */
export const partnershipPages = pgTable(
  'partnership_pages',
  {
    partnershipId: partnershipId(),
    kind: text('kind').$type<PartnershipPageKind>().notNull(),
    body: text('body').notNull().default(''),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.kind] }),
    check('partnership_pages_kind_valid', sql`${t.kind} in ('guidance','faq')`),
  ],
);

/** One agency row of an uploaded import file, as read (every cell as text). */
export interface AgencyImportRowJson {
  /** The row's number in the file (the header is row 1). */
  row: number;
  name: string;
  sector: string;
  basis: string;
  localities: string;
  leadContactEmail: string;
  /** Organisation codes as typed (optional columns; absent from files read before they existed). */
  odsCode?: string;
  urn?: string;
  companyNumber?: string;
  charityNumber?: string;
}

/**
 * An uploaded agency import file, read and kept server-side between its preview and the admin's
 * confirmation; it expires, and is marked when imported so it is never imported twice.
 */
export const agencyImports = pgTable(
  'agency_imports',
  {
    id: id(),
    partnershipId: partnershipId(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    rows: jsonb('rows').$type<AgencyImportRowJson[]>().notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true }),
    importedCount: integer('imported_count'),
    createdAt: createdAt(),
  },
  (t) => [index('agency_imports_partnership').on(t.partnershipId, t.expiresAt)],
);

export type JoinRequestStatus = 'pending' | 'approved' | 'declined';
/** A voluntary, community or faith organisation's request to take part in a partnership's audits. */
export const joinRequests = pgTable(
  'join_requests',
  {
    id: id(),
    partnershipId: partnershipId(),
    organisationName: text('organisation_name').notNull(),
    sector: text('sector').$type<AgencySector>().notNull(),
    localityIds: uuid('locality_ids').array().notNull().default(sql`'{}'::uuid[]`),
    contactName: text('contact_name').notNull(),
    /** Stored lower-cased. */
    contactEmail: text('contact_email').notNull(),
    reason: text('reason').notNull(),
    status: text('status').$type<JoinRequestStatus>().notNull().default('pending'),
    declineReason: text('decline_reason'),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    agencyId: uuid('agency_id').references(() => agencies.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('join_requests_partnership_status').on(t.partnershipId, t.status)],
);

export type AgencyShareStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';
/**
 * A partnership's request (`partnership_id`, the asker) to share an agency that is a member of
 * another partnership (`asked_partnership_id`). On acceptance the asker becomes a member of the same
 * agency record, serving the localities and with the lead contact given here.
 */
export const agencyShareRequests = pgTable(
  'agency_share_requests',
  {
    id: id(),
    partnershipId: partnershipId(),
    askedPartnershipId: uuid('asked_partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agencies.id, { onDelete: 'cascade' }),
    /** The asker's localities the agency serves, once shared. */
    localityIds: uuid('locality_ids').array().notNull().default(sql`'{}'::uuid[]`),
    /** The asker's lead contact for the agency, once shared. */
    leadContactEmail: text('lead_contact_email'),
    status: text('status').$type<AgencyShareStatus>().notNull().default('pending'),
    declineReason: text('decline_reason'),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    decidedBy: uuid('decided_by').references(() => users.id, { onDelete: 'set null' }),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('agency_share_requests_partnership').on(t.partnershipId, t.status),
    index('agency_share_requests_asked').on(t.askedPartnershipId, t.status),
    // One request waiting at a time for an agency, however many admins ask at once.
    uniqueIndex('agency_share_requests_pending')
      .on(t.partnershipId, t.agencyId)
      .where(sql`status = 'pending'`),
  ],
);

/**
 * Emails the scheduler sends about a return (its invitation, each automatic reminder). The unique
 * key makes "once each" a promise of the database, whichever app instance runs the scheduler.
 */
export const returnNotices = pgTable(
  'return_notices',
  {
    id: id(),
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    /** 'invitation', 'reminder-before-14', 'reminder-after-1'… */
    notice: text('notice').notNull(),
    sentTo: text('sent_to').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('return_notices_return_notice').on(t.returnId, t.notice)],
);

/**
 * Reminders emailed about an action, one row per step ('due-soon:<target date>',
 * 'overdue:<target date>:<n>'): the unique key makes each step sent once, whichever instance runs.
 */
export const actionReminders = pgTable(
  'action_reminders',
  {
    id: id(),
    partnershipId: partnershipId(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    step: text('step').notNull(),
    sentTo: text('sent_to').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('action_reminders_action_step').on(t.actionId, t.step)],
);

/**
 * The other partnerships taking part in a joint cycle (the cycle's own `partnership_id` is the lead
 * that runs it). Their admins and reviewers read the returns of agencies that are their members;
 * an agency belonging to several of them completes one return that each receives. The localities
 * each partner brings are in `cycle_localities`, with the partner's own partnership id.
 */
export const cyclePartnerships = pgTable(
  'cycle_partnerships',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    partnershipId: partnershipId(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.cycleId, t.partnershipId] }),
    index('cycle_partnerships_partnership').on(t.partnershipId),
  ],
);

/**
 * The partnership's moderated Red/Amber/Green grade of a theme of a submitted return, recorded by a
 * reviewer or partnership admin beside the agency's own rating (`theme_ratings`), with the reason.
 * Both stay visible; the gap between them is reported (calibration).
 */
/**
 * A submitted return's grades as worked out from its answers (at submission, or by the results),
 * kept so the results of a large audit do not read every answer again: its own grade per theme and
 * the counted response per question, for every theme of its template (which apply is decided when
 * they are read, as an agency's localities or sector may change). A cache: triggers on answers and
 * theme_ratings delete a return's row whenever either changes (migration 0038), and rows made for
 * another submission of the return or a different shape of template (`shape`) are made again.
 */
export const returnGrades = pgTable(
  'return_grades',
  {
    returnId: uuid('return_id')
      .primaryKey()
      .references(() => returns.id, { onDelete: 'cascade' }),
    partnershipId: partnershipId(),
    /** A digest of the template's themes and questions, in order, that the codes below follow. */
    shape: text('shape').notNull(),
    /** The submission the grades are of: a return submitted again is worked out again. */
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    /** One letter per theme in order: R, A, G, or - where the theme has no grade. */
    selfCodes: text('self_codes').notNull(),
    /** One letter per question in order (see returns/return-grade-codes.ts), - where none counts. */
    responseCodes: text('response_codes').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('return_grades_partnership').on(t.partnershipId)],
);

export const themeModerations = pgTable(
  'theme_moderations',
  {
    id: id(),
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => templateThemes.id),
    rating: text('rating').$type<Rag>().notNull(),
    reason: text('reason').notNull(),
    moderatedBy: uuid('moderated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('theme_moderations_return_theme').on(t.returnId, t.themeId),
    index('theme_moderations_partnership').on(t.partnershipId),
  ],
);

/**
 * A challenge: a question or comment a reviewer records on a theme of a submitted return (or on the
 * return as a whole, with no theme). The agency answers it; the thread is in `challenge_messages`.
 */
export const challenges = pgTable(
  'challenges',
  {
    id: id(),
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id').references(() => templateThemes.id),
    body: text('body').notNull(),
    raisedBy: uuid('raised_by').references(() => users.id),
    /** 'open' until the agency answers; 'answered'; 'closed' by the reviewer. */
    status: text('status').$type<'open' | 'answered' | 'closed'>().notNull().default('open'),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('challenges_return').on(t.returnId, t.createdAt)],
);

/** The replies in a challenge's thread, from the agency's people or the partnership's, with dates. */
export const challengeMessages = pgTable(
  'challenge_messages',
  {
    id: id(),
    partnershipId: partnershipId(),
    challengeId: uuid('challenge_id')
      .notNull()
      .references(() => challenges.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id),
    /** Which side wrote it: the agency answering, or the partnership following up. */
    side: text('side').$type<'agency' | 'partnership'>().notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('challenge_messages_challenge').on(t.challengeId, t.createdAt)],
);

/**
 * A reviewer's request for named evidence by a date. The agency answers with a reference (where the
 * evidence is kept) and optionally a file (`evidence_files`); overdue requests are listed.
 */
export const evidenceRequests = pgTable(
  'evidence_requests',
  {
    id: id(),
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    themeId: uuid('theme_id').references(() => templateThemes.id),
    description: text('description').notNull(),
    dueDate: date('due_date').notNull(),
    requestedBy: uuid('requested_by').references(() => users.id),
    responseReference: text('response_reference').notNull().default(''),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
    respondedBy: uuid('responded_by').references(() => users.id),
    /** When the reviewer was satisfied with what came back. */
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('evidence_requests_return').on(t.returnId),
    index('evidence_requests_partnership_due').on(t.partnershipId, t.dueDate),
  ],
);

/** Files an agency uploads in answer to an evidence request (checked by their bytes, kept here). */
export const evidenceFiles = pgTable(
  'evidence_files',
  {
    id: id(),
    partnershipId: partnershipId(),
    evidenceRequestId: uuid('evidence_request_id')
      .notNull()
      .references(() => evidenceRequests.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('evidence_files_request').on(t.evidenceRequestId)],
);

/**
 * Documents an agency attaches to a question of its return (checked by their bytes, kept here). A
 * carried-forward return is offered the documents of last year's return (`offered`) until the agency
 * keeps them; one removed (`removedAt`) can be put back until the same person removes another.
 * Deleted with the return, and with the audit's personal data under the retention rule.
 */
export const questionDocuments = pgTable(
  'question_documents',
  {
    id: id(),
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    questionId: uuid('question_id')
      .notNull()
      .references(() => templateQuestions.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id, { onDelete: 'set null' }),
    /** Copied from this document of last year's return; offered until kept. */
    carriedForwardFromId: uuid('carried_forward_from_id'),
    offered: boolean('offered').notNull().default(false),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    /** Who removed it: each person's last removal can be undone, whoever else removes since. */
    removedBy: uuid('removed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('question_documents_return').on(t.returnId, t.questionId)],
);

export type FindingsReportStatus = 'draft' | 'final';

/**
 * A partnership's findings report on a cycle for its leaders: generated from the cycle's figures and
 * edited by its admins until it is made final, which locks the text and keeps the figures as they
 * stood (`figures`). A joint cycle's partners each write their own, about their own member agencies.
 */
export const findingsReports = pgTable(
  'findings_reports',
  {
    id: id(),
    /** The partnership whose report it is (the lead, or a joint partner). */
    partnershipId: partnershipId(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    status: text('status').$type<FindingsReportStatus>().notNull().default('draft'),
    summary: text('summary').notNull().default(''),
    method: text('method').notNull().default(''),
    participation: text('participation').notNull().default(''),
    /** The narrative of each theme's findings, by theme key. */
    themeFindings: jsonb('theme_findings')
      .$type<Record<string, string>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    improvements: text('improvements').notNull().default(''),
    recommendations: text('recommendations').notNull().default(''),
    /** The earlier cycle the report compares with; null: the most recent earlier one. */
    comparedCycleId: uuid('compared_cycle_id').references((): AnyPgColumn => cycles.id, {
      onDelete: 'set null',
    }),
    /** The figures as they stood when the report was made final (null while a draft). */
    figures: jsonb('figures'),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    finalisedAt: timestamp('finalised_at', { withTimezone: true }),
    finalisedBy: uuid('finalised_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('findings_reports_cycle_partnership').on(t.cycleId, t.partnershipId)],
);

export type QuotedField = 'comment' | 'impact' | 'evidence';

/**
 * Good practice quoted in a findings report: an answer's comment, impact or evidence that the
 * partnership chose, with the words and the agency as they were when chosen.
 */
export const findingsReportQuotes = pgTable(
  'findings_report_quotes',
  {
    id: id(),
    partnershipId: partnershipId(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => findingsReports.id, { onDelete: 'cascade' }),
    answerId: uuid('answer_id')
      .notNull()
      .references(() => answers.id, { onDelete: 'cascade' }),
    field: text('field').$type<QuotedField>().notNull(),
    themeKey: text('theme_key').notNull(),
    agencyName: text('agency_name').notNull(),
    questionText: text('question_text').notNull(),
    quote: text('quote').notNull(),
    chosenBy: uuid('chosen_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('findings_report_quotes_answer_field').on(t.reportId, t.answerId, t.field)],
);

/**
 * A cycle's anonymous staff survey, set up by the partnership running it: off unless turned on;
 * open while the cycle is open, or until its own closing date (the last day, in UK time).
 */
export const surveys = pgTable('surveys', {
  cycleId: uuid('cycle_id')
    .primaryKey()
    .references(() => cycles.id, { onDelete: 'cascade' }),
  partnershipId: partnershipId(),
  enabled: boolean('enabled').notNull().default(false),
  /** The last day staff can answer (Europe/London); null: until the cycle closes. */
  closesOn: date('closes_on'),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The survey's statements, a handful per theme of the cycle's template, in order. */
export const surveyStatements = pgTable(
  'survey_statements',
  {
    id: id(),
    partnershipId: partnershipId(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => surveys.cycleId, { onDelete: 'cascade' }),
    themeId: uuid('theme_id')
      .notNull()
      .references(() => templateThemes.id),
    position: integer('position').notNull(),
    text: text('text').notNull(),
  },
  (t) => [uniqueIndex('survey_statements_cycle_theme_position').on(t.cycleId, t.themeId, t.position)],
);

/** The survey's link for one agency's staff (one per return): an unguessable token, no sign-in. */
export const surveyLinks = pgTable(
  'survey_links',
  {
    id: id(),
    partnershipId: partnershipId(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => surveys.cycleId, { onDelete: 'cascade' }),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('survey_links_return').on(t.returnId), uniqueIndex('survey_links_token').on(t.token)],
);

export const SURVEY_ANSWERS = [
  'strongly_disagree',
  'disagree',
  'neither',
  'agree',
  'strongly_agree',
  'dont_know',
] as const;
export type SurveyAnswer = (typeof SURVEY_ANSWERS)[number];

/**
 * One anonymous response. Nothing identifies who sent it: no name, email, network address, user
 * agent, session or cookie; only the day it arrived (never the time).
 */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: id(),
    partnershipId: partnershipId(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => surveys.cycleId, { onDelete: 'cascade' }),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    submittedOn: date('submitted_on').notNull(),
    comment: text('comment').notNull().default(''),
    /**
     * Counted in the agency's own results while the survey is open. Responses are published to the
     * agency five at a time (when five are waiting), so figures never move by one response.
     */
    published: boolean('published').notNull().default(false),
  },
  (t) => [index('survey_responses_return').on(t.returnId), index('survey_responses_cycle').on(t.cycleId)],
);

export const surveyAnswers = pgTable(
  'survey_answers',
  {
    responseId: uuid('response_id')
      .notNull()
      .references(() => surveyResponses.id, { onDelete: 'cascade' }),
    partnershipId: partnershipId(),
    statementId: uuid('statement_id')
      .notNull()
      .references(() => surveyStatements.id, { onDelete: 'cascade' }),
    answer: text('answer').$type<SurveyAnswer>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.responseId, t.statementId] }),
    index('survey_answers_statement').on(t.statementId),
    check(
      'survey_answers_answer_valid',
      sql`${t.answer} in ('strongly_disagree','disagree','neither','agree','strongly_agree','dont_know')`,
    ),
  ],
);

export type CycleExportFormat = 'xlsx' | 'csv';
export type CycleExportStatus = 'queued' | 'running' | 'done' | 'failed';
/**
 * A download of a whole cycle (every answer of every return the asking partnership sees), made by a
 * background job for large cycles. The file is kept here until `expires_at`, for that partnership only.
 */
export const cycleExports = pgTable(
  'cycle_exports',
  {
    id: id(),
    /** The partnership that asked (the lead, or a joint partner seeing its own agencies). */
    partnershipId: partnershipId(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by').references(() => users.id, { onDelete: 'set null' }),
    format: text('format').$type<CycleExportFormat>().notNull(),
    status: text('status').$type<CycleExportStatus>().notNull().default('queued'),
    /** Returns to read, and how many have been read so far. */
    returnsTotal: integer('returns_total').notNull().default(0),
    returnsDone: integer('returns_done').notNull().default(0),
    /** Answer rows written to the file. */
    rowCount: integer('row_count'),
    fileName: text('file_name'),
    error: text('error'),
    createdAt: createdAt(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('cycle_exports_partnership_cycle').on(t.partnershipId, t.cycleId, t.createdAt),
    index('cycle_exports_expires').on(t.expiresAt),
    check('cycle_exports_format_valid', sql`${t.format} in ('xlsx','csv')`),
    check('cycle_exports_status_valid', sql`${t.status} in ('queued','running','done','failed')`),
  ],
);

/**
 * An export's file, in pieces of about a mebibyte in order (`seq` from 0): written as the file is
 * made and read back one piece at a time, so neither making nor downloading it holds the whole file.
 * Deleted with its export (so the export's retention covers them).
 */
export const cycleExportChunks = pgTable(
  'cycle_export_chunks',
  {
    exportId: uuid('export_id')
      .notNull()
      .references(() => cycleExports.id, { onDelete: 'cascade' }),
    partnershipId: partnershipId(),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.exportId, t.seq] })],
);

/**
 * A named token for the read-only API, created by a partnership admin for its analysts. Only its
 * SHA-256 is kept (the token is shown once); it reads that partnership's data only.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: id(),
    partnershipId: partnershipId(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    /** The token's first characters, so people can tell their tokens apart. */
    prefix: text('prefix').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    revokedBy: uuid('revoked_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('api_tokens_hash').on(t.tokenHash),
    index('api_tokens_partnership').on(t.partnershipId, t.createdAt),
  ],
);

export type ReturnOutcome = 'accepted' | 'returned';
/**
 * The partnership's decision on a submitted (or resubmitted) return: accepted, or returned for
 * changes with the reasons and the themes reopened for the agency. Every decision is kept.
 */
export const returnOutcomes = pgTable(
  'return_outcomes',
  {
    id: id(),
    partnershipId: partnershipId(),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
    decision: text('decision').$type<ReturnOutcome>().notNull(),
    reasons: text('reasons').notNull().default(''),
    themeIds: uuid('theme_ids').array().notNull().default(sql`'{}'::uuid[]`),
    decidedBy: uuid('decided_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('return_outcomes_return').on(t.returnId, t.createdAt),
    check('return_outcomes_decision_valid', sql`${t.decision} in ('accepted','returned')`),
  ],
);

/**
 * A challenge event (panel or meeting) the partnership holds with one agency or a group, on the
 * returns of one cycle: when and where, who chairs and attends, then the notes and agreed actions.
 * `partnership_id` is the partnership that scheduled it (in a joint cycle, the lead or a partner).
 */
export const challengeEvents = pgTable(
  'challenge_events',
  {
    id: id(),
    partnershipId: partnershipId(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    /** A room and address, or a link to join online. */
    location: text('location').notNull(),
    chair: text('chair').notNull(),
    attendees: text('attendees').notNull().default(''),
    notes: text('notes').notNull().default(''),
    notesUpdatedAt: timestamp('notes_updated_at', { withTimezone: true }),
    notesUpdatedBy: uuid('notes_updated_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('challenge_events_cycle').on(t.partnershipId, t.cycleId, t.startsAt)],
);

/** The returns (agencies) a challenge event is about. */
export const challengeEventReturns = pgTable(
  'challenge_event_returns',
  {
    partnershipId: partnershipId(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => challengeEvents.id, { onDelete: 'cascade' }),
    returnId: uuid('return_id')
      .notNull()
      .references(() => returns.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.returnId] }),
    index('challenge_event_returns_return').on(t.returnId),
  ],
);

export type PersonalDataErasureKind = 'retention' | 'person';
/**
 * What was anonymised, and when: an audit past the partnership's retention period (by the job), or
 * one person on removal (by an admin). Only ids and counts: never the names or addresses replaced.
 */
export const personalDataErasures = pgTable(
  'personal_data_erasures',
  {
    id: id(),
    partnershipId: partnershipId(),
    kind: text('kind').$type<PersonalDataErasureKind>().notNull(),
    /** The audit anonymised (retention). */
    cycleId: uuid('cycle_id').references(() => cycles.id, { onDelete: 'set null' }),
    /** The returns whose people were anonymised, and the values replaced in all. */
    returnsCount: integer('returns_count').notNull().default(0),
    valuesReplaced: integer('values_replaced').notNull().default(0),
    /** The admin who anonymised a person; null for the retention job. */
    performedBy: uuid('performed_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('personal_data_erasures_partnership').on(t.partnershipId, t.createdAt),
    check('personal_data_erasures_kind_valid', sql`${t.kind} in ('retention','person')`),
  ],
);

/**
 * An OpenID Connect provider (Microsoft Entra ID, or any standard one) through which people whose
 * email domain it covers sign in. One per partnership, set by its admins; one for the platform
 * (`partnership_id` null), set by platform admins. The client secret is kept encrypted (AES-GCM, key
 * derived from SESSION_SECRET) and only its last characters are ever shown.
 */
export const identityProviders = pgTable(
  'identity_providers',
  {
    id: id(),
    partnershipId: uuid('partnership_id').references(() => partnerships.id, { onDelete: 'cascade' }),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    clientSecretEncrypted: text('client_secret_encrypted').notNull(),
    /** The secret's last four characters, so admins can tell which secret is in use. */
    clientSecretHint: text('client_secret_hint').notNull(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [unique('identity_providers_partnership').on(t.partnershipId).nullsNotDistinct()],
);

/** The email domains a provider covers: each domain belongs to one provider at most. */
export const identityProviderDomains = pgTable(
  'identity_provider_domains',
  {
    /** Lower case, e.g. `council.gov.uk`; matched exactly against the part of an address after @. */
    domain: text('domain').primaryKey(),
    providerId: uuid('provider_id')
      .notNull()
      .references(() => identityProviders.id, { onDelete: 'cascade' }),
  },
  (t) => [index('identity_provider_domains_provider').on(t.providerId)],
);
