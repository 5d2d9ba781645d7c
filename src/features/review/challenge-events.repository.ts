/**
 * Challenge events: meetings the partnership holds with one agency or a group on their returns of a
 * cycle. Each event belongs to the partnership that scheduled it; its agreed actions join the
 * agencies' action plans (on their returns, under the partnership running the cycle).
 */
import { and, asc, eq, sql } from 'drizzle-orm';
import { type DbOrTx, queryRows } from '../../db/client.ts';
import { actions, challengeEventReturns, challengeEvents } from '../../db/schema.ts';

export interface ChallengeEventSummary {
  id: string;
  title: string;
  startsAt: Date;
  location: string;
  chair: string;
  agencyNames: string[];
  hasNotes: boolean;
}

export interface ChallengeEvent extends ChallengeEventSummary {
  attendees: string;
  notes: string;
  notesUpdatedAt: Date | null;
  notesUpdatedByName: string | null;
  createdByName: string | null;
  returns: Array<{
    returnId: string;
    agencyId: string;
    agencyName: string;
    agencySector: string;
    localityIds: string[];
  }>;
}

const toDate = (v: string | Date | null): Date | null => (v === null ? null : new Date(v));

export async function listCycleEvents(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
): Promise<ChallengeEventSummary[]> {
  const rows = await queryRows<{
    id: string;
    title: string;
    starts_at: string | Date;
    location: string;
    chair: string;
    notes: string;
    agency_names: string[] | null;
  }>(
    db,
    sql`select e.id, e.title, e.starts_at, e.location, e.chair, e.notes,
          (select array_agg(a.name order by a.name) from challenge_event_returns er
             join returns r on r.id = er.return_id join agencies a on a.id = r.agency_id
           where er.event_id = e.id and er.partnership_id = e.partnership_id) as agency_names
        from challenge_events e
        where e.partnership_id = ${partnershipId} and e.cycle_id = ${cycleId}
        order by e.starts_at, e.title, e.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    startsAt: toDate(r.starts_at)!,
    location: r.location,
    chair: r.chair,
    agencyNames: r.agency_names ?? [],
    hasNotes: r.notes !== '',
  }));
}

export async function findEvent(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  eventId: string,
): Promise<ChallengeEvent | null> {
  const [row] = await queryRows<{
    id: string;
    title: string;
    starts_at: string | Date;
    location: string;
    chair: string;
    attendees: string;
    notes: string;
    notes_updated_at: string | Date | null;
    notes_updated_by_name: string | null;
    created_by_name: string | null;
    returns: Array<{
      returnId: string;
      agencyId: string;
      agencyName: string;
      agencySector: string;
      localityIds: string[] | null;
    }> | null;
  }>(
    db,
    sql`select e.id, e.title, e.starts_at, e.location, e.chair, e.attendees, e.notes, e.notes_updated_at,
          nu.name as notes_updated_by_name, cu.name as created_by_name,
          (select json_agg(json_build_object('returnId', r.id, 'agencyId', a.id, 'agencyName', a.name, 'agencySector', a.sector,
              'localityIds', (select array_agg(al.locality_id) from agency_localities al
                               where al.agency_id = a.id and al.partnership_id = r.partnership_id))
              order by a.name)
             from challenge_event_returns er join returns r on r.id = er.return_id join agencies a on a.id = r.agency_id
           where er.event_id = e.id and er.partnership_id = e.partnership_id) as returns
        from challenge_events e
          left join users nu on nu.id = e.notes_updated_by
          left join users cu on cu.id = e.created_by
        where e.id = ${eventId} and e.partnership_id = ${partnershipId} and e.cycle_id = ${cycleId}`,
  );
  if (!row) return null;
  const returns = (row.returns ?? []).map((r) => ({ ...r, localityIds: r.localityIds ?? [] }));
  return {
    id: row.id,
    title: row.title,
    startsAt: toDate(row.starts_at)!,
    location: row.location,
    chair: row.chair,
    attendees: row.attendees,
    notes: row.notes,
    hasNotes: row.notes !== '',
    notesUpdatedAt: toDate(row.notes_updated_at),
    notesUpdatedByName: row.notes_updated_by_name,
    createdByName: row.created_by_name,
    agencyNames: returns.map((r) => r.agencyName),
    returns,
  };
}

export async function insertEvent(
  db: DbOrTx,
  partnershipId: string,
  cycleId: string,
  values: {
    title: string;
    startsAt: Date;
    location: string;
    chair: string;
    attendees: string;
    returnIds: string[];
    userId: string;
    now: Date;
  },
): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(challengeEvents)
      .values({
        partnershipId,
        cycleId,
        title: values.title,
        startsAt: values.startsAt,
        location: values.location,
        chair: values.chair,
        attendees: values.attendees,
        createdBy: values.userId,
        createdAt: values.now,
      })
      .returning({ id: challengeEvents.id });
    await tx
      .insert(challengeEventReturns)
      .values(values.returnIds.map((returnId) => ({ partnershipId, eventId: row!.id, returnId })));
    return row!.id;
  });
}

/** The event's notes, its row locked until the transaction ends (null: no such event). */
export async function lockEventNotes(
  tx: DbOrTx,
  partnershipId: string,
  eventId: string,
): Promise<string | null> {
  const [row] = await tx
    .select({ notes: challengeEvents.notes })
    .from(challengeEvents)
    .where(and(eq(challengeEvents.id, eventId), eq(challengeEvents.partnershipId, partnershipId)))
    .for('update');
  return row ? row.notes : null;
}

export async function saveEventNotes(
  db: DbOrTx,
  partnershipId: string,
  eventId: string,
  notes: string,
  userId: string,
  now: Date,
): Promise<void> {
  await db
    .update(challengeEvents)
    .set({ notes, notesUpdatedAt: now, notesUpdatedBy: userId })
    .where(and(eq(challengeEvents.id, eventId), eq(challengeEvents.partnershipId, partnershipId)));
}

export interface AgreedAction {
  id: string;
  returnId: string;
  themeId: string;
  description: string;
  leadPerson: string;
  targetDate: string | null;
  status: string;
}

/** The actions agreed at an event, on the returns of the partnership running the cycle. */
export async function listAgreedActions(
  db: DbOrTx,
  returnsPartnershipId: string,
  eventId: string,
): Promise<AgreedAction[]> {
  return db
    .select({
      id: actions.id,
      returnId: actions.returnId,
      themeId: actions.themeId,
      description: actions.description,
      leadPerson: actions.leadPerson,
      targetDate: actions.targetDate,
      status: actions.status,
    })
    .from(actions)
    .where(and(eq(actions.partnershipId, returnsPartnershipId), eq(actions.challengeEventId, eventId)))
    .orderBy(asc(actions.createdAt), asc(actions.id));
}

export async function insertAgreedAction(
  db: DbOrTx,
  returnsPartnershipId: string,
  values: {
    eventId: string;
    returnId: string;
    themeId: string;
    description: string;
    leadPerson: string;
    targetDate: string;
    now: Date;
  },
): Promise<void> {
  await db.insert(actions).values({
    partnershipId: returnsPartnershipId,
    returnId: values.returnId,
    themeId: values.themeId,
    challengeEventId: values.eventId,
    description: values.description,
    leadPerson: values.leadPerson,
    targetDate: values.targetDate,
    createdAt: values.now,
    updatedAt: values.now,
  });
}

/** The events a return takes part in, for its agency (whoever scheduled them). */
/** The events a return of `partnershipId` (the partnership running its cycle) was discussed at. */
export async function listEventsForReturn(
  db: DbOrTx,
  partnershipId: string,
  returnId: string,
): Promise<Array<{ id: string; title: string; startsAt: Date; location: string; chair: string }>> {
  const rows = await queryRows<{
    id: string;
    title: string;
    starts_at: string | Date;
    location: string;
    chair: string;
  }>(
    db,
    sql`select e.id, e.title, e.starts_at, e.location, e.chair
        from challenge_event_returns er
          join challenge_events e on e.id = er.event_id and e.partnership_id = er.partnership_id
          join returns r on r.id = er.return_id and r.cycle_id = e.cycle_id
        where er.return_id = ${returnId} and r.partnership_id = ${partnershipId}
        order by e.starts_at, e.id`,
  );
  return rows.map((r) => ({ ...r, startsAt: toDate(r.starts_at)! }));
}
