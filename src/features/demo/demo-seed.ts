/**
 * The demo partnership: seeded on first start into an empty embedded database (never in
 * production), and used by the tests as a realistic fixture. Every name here is made up.
 */
import { eq, sql } from 'drizzle-orm';
import { type Db, queryRows } from '../../db/client.ts';
import {
  type AgencySector,
  agencies,
  agencyLocalities,
  agencyMemberships,
  agencyUsers,
  cycleLocalities,
  cycles,
  enquiries,
  enquiryMessages,
  localities,
  partnershipPages,
  partnershipRoles,
  partnerships,
  returnNotices,
  returns,
  templateThemes,
  themeAssignments,
  users,
} from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { londonTime } from '../../lib/dates.ts';
import { section11Template } from '../templates/builtin/section-11.ts';
import type { ThemeDefinition } from '../templates/template-definition.ts';
import { insertTemplateVersion } from '../templates/templates.repository.ts';

/** A theme that applies in one locality only, as the seed pages' Neglect section does. */
export const neglectTheme: ThemeDefinition = {
  key: 'neglect',
  title: 'Neglect',
  description:
    'How your organisation recognises and responds to neglect, using the local neglect strategy and tools.',
  guidance:
    'This theme applies to organisations working in Riverside only, where the partnership has adopted a neglect strategy and a graded assessment tool.',
  questions: [
    {
      key: 'neglect-1',
      text: 'Are staff aware of the local neglect strategy and what it expects of them?',
      guidance: 'Staff in contact with children can say what the strategy asks of them and where to find it.',
      scale: 'yes_no',
      evidencePrompt: 'Team briefings; intranet page; staff survey results',
    },
    {
      key: 'neglect-2',
      text: 'Do practitioners use the graded assessment tool when they are worried about neglect?',
      guidance: 'Use of the tool is recorded on case files and discussed in supervision.',
      scale: 'yes_no',
      evidencePrompt: 'Case file audit; supervision records',
    },
    {
      key: 'neglect-3',
      text: 'Has your organisation trained staff to recognise the signs of neglect, including in older children?',
      guidance:
        'Training covers the cumulative harm of neglect and how it can look different in adolescents.',
      scale: 'yes_no',
      evidencePrompt: 'Training records; course materials',
    },
    {
      key: 'neglect-4',
      text: 'Do managers check that concerns about neglect are escalated when things do not improve?',
      guidance: 'There is a clear route to escalate drift, and managers check it is used.',
      scale: 'yes_no',
      evidencePrompt: 'Escalation policy; audit findings',
    },
    {
      key: 'neglect-5',
      text: 'Has your organisation reviewed how well it responds to neglect in the last two years?',
      guidance:
        'For example through a single-agency audit, a thematic review, or a multi-agency audit you took part in.',
      scale: 'yes_no',
      evidencePrompt: 'Audit report; action plan',
    },
  ],
};

export interface DemoIds {
  partnershipId: string;
  localityIds: { northshire: string; riverside: string };
  cycleId: string;
  templateVersionId: string;
  agencyIds: Record<string, string>;
  returnIds: Record<string, string>;
  userIds: Record<string, string>;
}

const DEMO_AGENCIES: Array<{
  key: string;
  name: string;
  sector: AgencySector;
  basis: 'statutory' | 'voluntary';
  localities: Array<'northshire' | 'riverside'>;
}> = [
  {
    key: 'council',
    name: 'Northshire County Council Children’s Services',
    sector: 'la-childrens-services',
    basis: 'statutory',
    localities: ['northshire'],
  },
  {
    key: 'riverside-council',
    name: 'Riverside City Council',
    sector: 'la-childrens-services',
    basis: 'statutory',
    localities: ['riverside'],
  },
  {
    key: 'police',
    name: 'Northshire Constabulary',
    sector: 'police',
    basis: 'statutory',
    localities: ['northshire', 'riverside'],
  },
  {
    key: 'nhs',
    name: 'Northshire and Riverside NHS Foundation Trust',
    sector: 'nhs-trust',
    basis: 'statutory',
    localities: ['northshire', 'riverside'],
  },
  {
    key: 'icb',
    name: 'Northshire Integrated Care Board',
    sector: 'integrated-care-board',
    basis: 'statutory',
    localities: ['northshire', 'riverside'],
  },
  {
    key: 'probation',
    name: 'Probation Service – Northshire',
    sector: 'probation',
    basis: 'statutory',
    localities: ['northshire'],
  },
  {
    key: 'yjs',
    name: 'Riverside Youth Justice Service',
    sector: 'youth-justice',
    basis: 'statutory',
    localities: ['riverside'],
  },
  {
    key: 'district',
    name: 'Eastmoor District Council',
    sector: 'district-council',
    basis: 'statutory',
    localities: ['northshire'],
  },
  {
    key: 'charity',
    name: 'Riverside Young People’s Trust',
    sector: 'voluntary-community-faith',
    basis: 'voluntary',
    localities: ['riverside'],
  },
];

const DEMO_USERS: Array<{
  key: string;
  email: string;
  name: string;
  jobTitle: string;
  partnershipRole?: 'partnership_admin' | 'reviewer';
  /** Runs the deployment: creates partnerships; sees no partnership's returns. */
  platformAdmin?: boolean;
  agency?: string;
  agencyRole?: 'agency_lead' | 'contributor';
}> = [
  {
    key: 'admin',
    email: 'business.manager@nrscp.example',
    name: 'Priya Shah',
    jobTitle: 'Partnership Business Manager',
    partnershipRole: 'partnership_admin',
  },
  {
    key: 'reviewer',
    email: 'scrutineer@nrscp.example',
    name: 'Martin Okafor',
    jobTitle: 'Independent Scrutineer',
    partnershipRole: 'reviewer',
  },
  {
    key: 'platformAdmin',
    email: 'service.desk@section11-hosting.example',
    name: 'Jordan Reid',
    jobTitle: 'Service Manager, Section 11 hosting',
    platformAdmin: true,
  },
  {
    key: 'councilLead',
    email: 'safeguarding.lead@northshire-council.example',
    name: 'Helen Ward',
    jobTitle: 'Head of Safeguarding and Quality Assurance',
    agency: 'council',
    agencyRole: 'agency_lead',
  },
  {
    key: 'councilContributor',
    email: 'hr.adviser@northshire-council.example',
    name: 'Tom Bradley',
    jobTitle: 'HR Business Partner',
    agency: 'council',
    agencyRole: 'contributor',
  },
  {
    key: 'policeLead',
    email: 'public.protection@northshire-police.example',
    name: 'DCI Sarah Collins',
    jobTitle: 'Head of Public Protection',
    agency: 'police',
    agencyRole: 'agency_lead',
  },
  {
    key: 'nhsLead',
    email: 'named.nurse@nr-nhs.example',
    name: 'Grace Adeyemi',
    jobTitle: 'Named Nurse for Safeguarding Children',
    agency: 'nhs',
    agencyRole: 'agency_lead',
  },
  {
    key: 'nhsContributor',
    email: 'training.lead@nr-nhs.example',
    name: 'Owen Price',
    jobTitle: 'Safeguarding Training Lead',
    agency: 'nhs',
    agencyRole: 'contributor',
  },
  {
    key: 'yjsLead',
    email: 'manager@riverside-yjs.example',
    name: 'Aisha Khan',
    jobTitle: 'Youth Justice Service Manager',
    agency: 'yjs',
    agencyRole: 'agency_lead',
  },
  {
    key: 'charityLead',
    email: 'dsl@riverside-ypt.example',
    name: 'Daniel Evans',
    jobTitle: 'Designated Safeguarding Lead',
    agency: 'charity',
    agencyRole: 'agency_lead',
  },
];

const DEMO_GUIDANCE = `## Before you start

The partnership asks every partner agency to complete its **Section 11 self-assessment** by the deadline on your return.

- Agree who will answer each theme, and invite them as contributors.
- Gather the evidence you will refer to: policies, training records, audits.
- Ask your most senior officer to set aside time to sign the return off.

## Grading your themes

1. Answer every question, with evidence and where it is kept.
2. Grade each theme Red, Amber or Green, and say why.
3. Set actions with target dates for anything Red or Amber.

Read the statutory guidance, [Working Together to Safeguard Children](https://www.gov.uk/government/publications/working-together-to-safeguard-children--2), or write to [section11@nrscp.example](mailto:section11@nrscp.example).`;

const DEMO_FAQ = `Answers to the questions agencies ask us most often.

## Can I save my return and finish it later?
Yes. Save at any point: we email you a link back to your return.

## Who should sign off our return?
Your agency's most senior officer, or their deputy if they are away. Record their name and job title on the sign-off page.

## What if a question does not apply to us?
Choose **N/A** and explain why it does not apply and what you have in place instead.`;

export async function databaseIsEmpty(db: Db): Promise<boolean> {
  const rows = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from partnerships`);
  return Number(rows[0]?.n ?? 0) === 0;
}

export interface SeedOptions {
  /** Themes added to the demo template (benchmarks add a 15-question theme). */
  extraThemes?: ThemeDefinition[];
}

export async function seedDemo(db: Db, clock: Clock, options: SeedOptions = {}): Promise<DemoIds> {
  const now = clock.now();
  return db.transaction(async (tx) => {
    const [p] = await tx
      .insert(partnerships)
      .values({
        name: 'Northshire and Riverside Safeguarding Children Partnership',
        shortName: 'nrscp',
        contactEmail: 'section11@nrscp.example',
        createdAt: now,
      })
      .returning();
    const partnershipId = p!.id;
    const locs = await tx
      .insert(localities)
      .values([
        { partnershipId, name: 'Northshire', createdAt: now },
        { partnershipId, name: 'Riverside', createdAt: now },
      ])
      .returning();
    const localityIds = { northshire: locs[0]!.id, riverside: locs[1]!.id };

    const agencyIds: Record<string, string> = {};
    for (const a of DEMO_AGENCIES) {
      const [row] = await tx
        .insert(agencies)
        .values({ name: a.name, sector: a.sector, section11Basis: a.basis, createdAt: now })
        .returning();
      agencyIds[a.key] = row!.id;
      await tx.insert(agencyMemberships).values({ partnershipId, agencyId: row!.id, createdAt: now });
      await tx
        .insert(agencyLocalities)
        .values(a.localities.map((l) => ({ partnershipId, agencyId: row!.id, localityId: localityIds[l] })));
    }

    const userIds: Record<string, string> = {};
    for (const u of DEMO_USERS) {
      const [row] = await tx
        .insert(users)
        .values({
          email: u.email,
          name: u.name,
          jobTitle: u.jobTitle,
          isPlatformAdmin: u.platformAdmin ?? false,
          createdAt: now,
        })
        .returning();
      userIds[u.key] = row!.id;
      if (u.partnershipRole)
        await tx
          .insert(partnershipRoles)
          .values({ partnershipId, userId: row!.id, role: u.partnershipRole, createdAt: now });
      if (u.agency && u.agencyRole)
        await tx
          .insert(agencyUsers)
          .values({ agencyId: agencyIds[u.agency]!, userId: row!.id, role: u.agencyRole, createdAt: now });
    }

    const templateVersionId = await insertTemplateVersion(
      tx,
      partnershipId,
      {
        ...section11Template,
        themes: [...section11Template.themes, neglectTheme, ...(options.extraThemes ?? [])],
      },
      'published',
      now,
      { localityIdsByThemeKey: { neglect: [localityIds.riverside] } },
    );

    // The demo audit highlights one question as a focus question.
    const [focus] = await queryRows<{ id: string }>(
      tx,
      sql`select q.id from template_questions q join template_themes t on t.id = q.theme_id
          where t.template_version_id = ${templateVersionId} and t.key = 'training' and q.position = 1`,
    );
    const opensAt = new Date(now.getTime() - 14 * 86_400_000);
    const closes = new Date(now.getTime() + 28 * 86_400_000);
    const closesAt = londonTime(closes.toISOString().slice(0, 10), '17:00');
    const [cycle] = await tx
      .insert(cycles)
      .values({
        partnershipId,
        templateVersionId,
        name: `Section 11 audit ${now.getUTCFullYear()}`,
        opensAt,
        closesAt,
        introduction:
          'Every partner agency is asked to complete its Section 11 self-assessment by the deadline.',
        kind: 'biennial',
        focusQuestionIds: focus ? [focus.id] : [],
        createdAt: now,
      })
      .returning();
    await tx.insert(cycleLocalities).values([
      { partnershipId, cycleId: cycle!.id, localityId: localityIds.northshire },
      { partnershipId, cycleId: cycle!.id, localityId: localityIds.riverside },
    ]);
    const returnIds: Record<string, string> = {};
    for (const a of DEMO_AGENCIES) {
      const [row] = await tx
        .insert(returns)
        .values({ partnershipId, cycleId: cycle!.id, agencyId: agencyIds[a.key]!, createdAt: now })
        .returning();
      returnIds[a.key] = row!.id;
      // The demo audit opened a fortnight ago: its agencies count as already invited.
      const lead = DEMO_USERS.find((u) => u.agency === a.key && u.agencyRole === 'agency_lead');
      if (lead)
        await tx.insert(returnNotices).values({
          partnershipId,
          returnId: row!.id,
          notice: 'invitation',
          sentTo: lead.email,
          createdAt: opensAt,
        });
    }
    // The council's lead has given Safer recruitment to their HR colleague.
    const [saferRecruitment] = await tx
      .select({ id: templateThemes.id })
      .from(templateThemes)
      .where(
        sql`${templateThemes.templateVersionId} = ${templateVersionId} and ${templateThemes.key} = 'safer-recruitment'`,
      );
    await tx.insert(themeAssignments).values({
      partnershipId,
      returnId: returnIds.council!,
      themeId: saferRecruitment!.id,
      userId: userIds.councilContributor!,
      assignedBy: userIds.councilLead!,
      createdAt: now,
    });
    await tx.insert(partnershipPages).values([
      { partnershipId, kind: 'guidance', body: DEMO_GUIDANCE, updatedBy: userIds.admin!, updatedAt: now },
      { partnershipId, kind: 'faq', body: DEMO_FAQ, updatedBy: userIds.admin!, updatedAt: now },
    ]);
    const [enquiry] = await tx
      .insert(enquiries)
      .values({
        partnershipId,
        agencyId: agencyIds.council!,
        returnId: returnIds.council!,
        subject: 'Who should sign off our return?',
        status: 'answered',
        createdBy: userIds.councilLead!,
        lastActivityAt: now,
        createdAt: now,
      })
      .returning();
    const messages = await tx
      .insert(enquiryMessages)
      .values([
        {
          partnershipId,
          enquiryId: enquiry!.id,
          authorId: userIds.councilLead!,
          authorName: 'Helen Ward',
          fromPartnership: false,
          body: 'Our Director of Children’s Services is on leave until after the deadline. Can the deputy director sign off our return instead?',
          createdAt: now,
        },
        {
          partnershipId,
          enquiryId: enquiry!.id,
          authorId: userIds.admin!,
          authorName: 'Priya Shah',
          fromPartnership: true,
          body: 'Yes. The deputy director can sign it off: record their name and job title on the sign-off page.',
          createdAt: now,
        },
      ])
      .returning({ seq: enquiryMessages.seq });
    await tx
      .update(enquiries)
      .set({ partnershipReadSeq: messages[1]!.seq ?? 0 })
      .where(eq(enquiries.id, enquiry!.id));
    return {
      partnershipId,
      localityIds,
      cycleId: cycle!.id,
      templateVersionId,
      agencyIds,
      returnIds,
      userIds,
    };
  });
}
