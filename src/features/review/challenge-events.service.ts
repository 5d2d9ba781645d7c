/**
 * Challenge events: scheduling one (each agency's change history, and an email to the people its
 * return tells about events), and the actions agreed at one, which join an agency's action plan.
 */
import type { Db } from '../../db/client.ts';
import type { CycleInfo } from '../../domain/cycle-access.ts';
import { formatDate, formatDateTime, londonTime } from '../../lib/dates.ts';
import type { Mailer } from '../../mail/mailer.ts';
import { loadAudiences } from '../notifications/agency-recipients.repository.ts';
import { greeting, whoIsTold } from '../notifications/agency-recipients.ts';
import type { ThemeInfo } from '../returns/return-structure.ts';
import { recordHistory } from '../returns/returns.repository.ts';
import { type ChallengeEvent, insertAgreedAction, insertEvent } from './challenge-events.repository.ts';

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
