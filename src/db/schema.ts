/**
 * The database schema (PostgreSQL dialect; runs on PGlite and on a PostgreSQL server).
 * Every row that belongs to a partnership carries `partnership_id`; repositories always filter by it.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const id = () => uuid('id').primaryKey().defaultRandom();
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const partnershipId = () =>
  uuid('partnership_id')
    .notNull()
    .references(() => partnerships.id, { onDelete: 'cascade' });

export const partnerships = pgTable('partnerships', {
  id: id(),
  name: text('name').notNull(),
  shortName: text('short_name').notNull(),
  contactEmail: text('contact_email').notNull(),
  createdAt: createdAt(),
});

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
  (t) => [primaryKey({ columns: [t.partnershipId, t.userId] })],
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
  (t) => [primaryKey({ columns: [t.agencyId, t.userId] })],
);

export const templates = pgTable('templates', {
  id: id(),
  partnershipId: partnershipId(),
  key: text('key').notNull(),
  name: text('name').notNull(),
  description: text('description').notNull().default(''),
  createdAt: createdAt(),
});

export interface GradeDescriptorsJson {
  red: string;
  amber: string;
  green: string;
}

export const templateVersions = pgTable(
  'template_versions',
  {
    id: id(),
    partnershipId: partnershipId(),
    templateId: uuid('template_id')
      .notNull()
      .references(() => templates.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    status: text('status').$type<'draft' | 'published' | 'retired'>().notNull(),
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
  },
  (t) => [uniqueIndex('template_themes_version_key').on(t.templateVersionId, t.key)],
);

export type ResponseScale = 'graded' | 'yes_no';
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
  },
  (t) => [uniqueIndex('template_questions_theme_key').on(t.themeId, t.key)],
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
  /** How often the partnership runs the audit; null for cycles set up before it was asked. */
  kind: text('kind').$type<CycleKind>(),
  /** Questions of the template version highlighted to agencies this cycle. */
  focusQuestionIds: uuid('focus_question_ids').array().notNull().default(sql`'{}'::uuid[]`),
  /** Whether each return was pre-filled from the agency's last submitted return when set up. */
  carryForward: boolean('carry_forward').notNull().default(false),
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
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('returns_cycle_agency').on(t.cycleId, t.agencyId),
    uniqueIndex('returns_reference').on(t.reference),
    index('returns_partnership').on(t.partnershipId),
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
    response: text('response').$type<Response>(),
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
      sql`${t.response} is null or ${t.response} in ('fully_met','partly_met','not_met','yes','no','na')`,
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
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('actions_return').on(t.returnId),
    uniqueIndex('actions_return_question')
      .on(t.returnId, t.questionId)
      .where(sql`${t.questionId} is not null`),
    uniqueIndex('actions_return_theme_rating').on(t.returnId, t.themeId).where(sql`${t.questionId} is null`),
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
    status: text('status').$type<'kept' | 'sent' | 'failed'>().notNull(),
    transport: text('transport').notNull(),
    error: text('error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('outgoing_mail_created').on(t.createdAt)],
);
