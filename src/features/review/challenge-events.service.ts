/**
 * Challenge events: scheduling one (each agency's change history, and an email to the people its
 * return tells about events), and the actions agreed at one, which join an agency's action plan.
 */
import type { Db } from '../../db/client.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { changedFields, type RecordRef, recordChanges } from '../../domain/record-history.repository.ts';
import { formatDate, formatDateTime, londonTime } from '../../lib/dates.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { type FieldConflict, type FormVersion, mergeFormRecord } from '../../web/form-version.ts';
import { loadAudiences } from '../notifications/agency-recipients.repository.ts';
import { greeting, whoIsTold } from '../notifications/agency-recipients.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import { recordHistory } from '../returns/returns.repository.ts';
import {
  type ChallengeEvent,
  insertAgreedAction,
  insertEvent,
  lockEventNotes,
  saveEventNotes,
} from './challenge-events.repository.ts';

export interface EventDeps {
  db: Db;
  mailer: Mailer;
  baseUrl: string;
}

type Cycle = Pick<CycleInfo, 'id' | 'name' | 'partnershipId' | 'viewerPartnershipId'>;

/** Schedules the event with the returns chosen (`returns`: each with its agency), telling each agency. */
export async function scheduleEvent(
  deps: EventDeps,
  cycle: Cycle,
  returns: ReadonlyArray<{ returnId: string; agencyName: string }>,
  v: {
    title: string;
    returnIds: string[];
    date: string;
    time: string;
    location: string;
    chair: string;
    attendees: string;
  },
  userId: string,
  now: Date,
): Promise<string> {
  const { db, mailer } = deps;
  const startsAt = londonTime(v.date, v.time);
  const eventId = await insertEvent(db, cycle.viewerPartnershipId, cycle.id, {
    title: v.title,
    startsAt,
    location: v.location,
    chair: v.chair,
    attendees: v.attendees,
    returnIds: v.returnIds,
    userId,
    now,
  });
  const audiences = await loadAudiences(db, cycle.partnershipId, v.returnIds);
  for (const row of returns) {
    await recordHistory(db, cycle.partnershipId, row.returnId, userId, now, [
      {
        event: 'challenge_event_scheduled',
        field: 'Challenge event',
        newValue: `${v.title}: ${formatDateTime(startsAt)}, ${v.location} (chair: ${v.chair})`,
      },
    ]);
    const audience = audiences.get(row.returnId);
    for (const r of audience ? whoIsTold('challenge_event', audience) : [])
      await mailer.send({
        partnershipId: cycle.partnershipId,
        to: r.email,
        subject: `Section 11 challenge event: ${v.title}`,
        text: [
          greeting(r),
          '',
          `${row.agencyName} is invited to a Section 11 challenge event on its return for ${cycle.name}.`,
          '',
          `When: ${formatDateTime(startsAt)}`,
          `Where: ${v.location}`,
          `Chair: ${v.chair}`,
          '',
          `Your return and the partnership's challenges (you will need to sign in): ${deps.baseUrl}/returns/${row.returnId}/challenges`,
        ].join('\n'),
      });
  }
  return eventId;
}

/** Adds an action agreed at the event to the agency's action plan, and says so in its change history. */
export async function agreeAction(
  db: Db,
  cycle: Pick<CycleInfo, 'partnershipId'>,
  event: Pick<ChallengeEvent, 'id' | 'title'>,
  theme: Pick<ThemeInfo, 'title'>,
  v: { returnId: string; themeId: string; description: string; leadPerson: string; targetDate: string },
  userId: string,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await insertAgreedAction(tx, cycle.partnershipId, { eventId: event.id, ...v, now });
    await recordHistory(tx, cycle.partnershipId, v.returnId, userId, now, [
      {
        event: 'action_agreed',
        field: `${theme.title}: action agreed at ${event.title}`,
        newValue: `${v.description} (lead: ${v.leadPerson}; by ${formatDate(v.targetDate)})`,
      },
    ]);
  });
}

/** An event's notes in the conflict rule, and their history (`record_history`). */
export const NOTES_RECORD = 'notes';
export const eventRecord = (partnershipId: string, eventId: string): RecordRef => ({
  partnershipId,
  kind: 'challenge_event',
  id: eventId,
});

/**
 * Saves an event's notes under the conflict rule: notes from a form shown before someone else saved
 * theirs bring the conflict page rather than writing over them; each save is in the history.
 */
export async function saveNotes(
  db: Db,
  partnershipId: string,
  eventId: string,
  notes: string,
  userId: string,
  now: Date,
  form: FormVersion = {},
): Promise<{ saved: true } | { conflicts: FieldConflict<'notes'>[] }> {
  return db.transaction(async (tx) => {
    const stored = await lockEventNotes(tx, partnershipId, eventId);
    if (stored === null) throw new Error('The event has gone');
    const current = { notes: stored };
    const merge = mergeFormRecord(NOTES_RECORD, { notes }, current, form);
    if (merge.conflicts.length > 0) return { conflicts: merge.conflicts };
    const changes = changedFields(current, merge.merged);
    if (changes.length === 0) return { saved: true } as const;
    await saveEventNotes(tx, partnershipId, eventId, merge.merged.notes, userId, now);
    await recordChanges(tx, eventRecord(partnershipId, eventId), userId, now, changes);
    return { saved: true } as const;
  });
}
