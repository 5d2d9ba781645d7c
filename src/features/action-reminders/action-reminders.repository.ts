/**
 * Reminders to action owners: the actions due for one, their owners, and the record that makes each
 * reminder step sent once (the unique key on `action_reminders`), whichever instance runs the job.
 */
import { eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { actionReminders, partnerships } from '../../db/schema.ts';

export interface ReminderSettings {
  actionReminders: boolean;
  overdueReminderDays: number;
}

export async function findReminderSettings(db: DbOrTx, partnershipId: string): Promise<ReminderSettings> {
  const [row] = await db
    .select({
      actionReminders: partnerships.actionReminders,
      overdueReminderDays: partnerships.overdueReminderDays,
    })
    .from(partnerships)
    .where(eq(partnerships.id, partnershipId));
  return row ?? { actionReminders: false, overdueReminderDays: 7 };
}

export async function saveReminderSettings(
  db: DbOrTx,
  partnershipId: string,
  settings: ReminderSettings,
): Promise<void> {
  await db.update(partnerships).set(settings).where(eq(partnerships.id, partnershipId));
}

export interface ActionDue {
  actionId: string;
  partnershipId: string;
  partnershipName: string;
  returnId: string;
  agencyId: string;
  cycleName: string;
  /** YYYY-MM-DD */
  targetDate: string;
  overdueReminderDays: number;
}

/**
 * Open actions (not completed, still needed) with a target date up to `until`, in partnerships that
 * remind, of returns the agency has submitted (a return never submitted has no plan to keep to),
 * not carried forward into a later return (that one is reminded instead), of agencies still members.
 */
export async function actionsDue(db: DbOrTx, until: string): Promise<ActionDue[]> {
  const rows = await queryRows<{
    action_id: string;
    partnership_id: string;
    partnership_name: string;
    return_id: string;
    agency_id: string;
    cycle_name: string;
    target_date: string;
    overdue_reminder_days: number;
  }>(
    db,
    sql`select a.id as action_id, a.partnership_id, p.name as partnership_name, r.id as return_id,
          r.agency_id, c.name as cycle_name, a.target_date::text as target_date, p.overdue_reminder_days
        from actions a
          join partnerships p on p.id = a.partnership_id and p.action_reminders
          join returns r on r.id = a.return_id and r.partnership_id = a.partnership_id
          join cycles c on c.id = r.cycle_id and c.partnership_id = r.partnership_id
          join agency_memberships m on m.partnership_id = a.partnership_id and m.agency_id = r.agency_id
            and m.archived_at is null
        where a.status not in ('completed', 'no_longer_needed')
          and a.target_date is not null and a.target_date <= ${until}::date
          and r.submitted_at is not null
          and not exists (select 1 from actions later where later.carried_forward_from_action_id = a.id)
        order by a.partnership_id, a.target_date, a.id`,
  );
  return rows.map((r) => ({
    actionId: r.action_id,
    partnershipId: r.partnership_id,
    partnershipName: r.partnership_name,
    returnId: r.return_id,
    agencyId: r.agency_id,
    cycleName: r.cycle_name,
    targetDate: r.target_date,
    overdueReminderDays: Number(r.overdue_reminder_days),
  }));
}

/** The action's owners: the agency's lead users, or its lead contact in the partnership when it has none. */
export async function actionOwners(db: DbOrTx, partnershipId: string, agencyId: string): Promise<string[]> {
  const leads = await queryRows<{ email: string }>(
    db,
    sql`select u.email from agency_users au join users u on u.id = au.user_id
        where au.agency_id = ${agencyId} and au.role = 'agency_lead' order by u.email`,
  );
  if (leads.length) return leads.map((l) => l.email);
  const [contact] = await queryRows<{ email: string | null }>(
    db,
    sql`select lead_contact_email as email from agency_memberships
        where partnership_id = ${partnershipId} and agency_id = ${agencyId}`,
  );
  return contact?.email ? [contact.email] : [];
}

/** Records the step as sent; false when it already was (by this run or another instance). */
export async function claimReminder(
  db: DbOrTx,
  partnershipId: string,
  actionId: string,
  step: string,
  sentTo: string[],
  now: Date,
): Promise<boolean> {
  const rows = await db
    .insert(actionReminders)
    .values({ partnershipId, actionId, step, sentTo: sentTo.join(', '), createdAt: now })
    .onConflictDoNothing()
    .returning({ id: actionReminders.id });
  return rows.length > 0;
}
