/**
 * Adding agencies to an audit already set up (a late joiner, a newly approved voluntary
 * organisation): which agencies, and whether they get the audit's deadline or one of their own.
 */
import { z } from 'zod';
import type { DateParts } from '../../lib/dates.ts';
import { datePartsField, EMPTY_DATE } from '../../web/form-fields.ts';
import { type FormBody, listField, textField } from '../../web/form-route.ts';
import { checkDeadline, datePartsSchema } from './deadlines.ts';

export interface LateAgenciesState {
  agencyIds: string[];
  /** 'cycle': the audit's deadline; 'own': the date and time below. */
  deadline: string;
  date: DateParts;
  time: string;
}

export function lateAgenciesState(body: FormBody): LateAgenciesState {
  return {
    agencyIds: listField(body, 'agencyIds'),
    deadline: textField(body, 'deadlineChoice'),
    date: datePartsField(body, 'deadline'),
    time: textField(body, 'time'),
  };
}

export const emptyLateAgencies = (): LateAgenciesState => ({
  agencyIds: [],
  deadline: '',
  date: EMPTY_DATE,
  time: '',
});

export interface LateAgenciesValues {
  agencyIds: string[];
  /** Null: the audit's deadline. */
  ownDeadline: Date | null;
}

/**
 * The form's schema, given the agencies offered, the audit's deadline and the time now. A deadline of
 * their own is later than the audit's (else they would simply have the audit's).
 */
export const lateAgenciesSchema = (offered: ReadonlySet<string>, cycle: { closesAt: Date }, now: Date) =>
  z
    .object({ agencyIds: z.array(z.string()), deadline: z.string(), date: datePartsSchema, time: z.string() })
    .transform((state, ctx): LateAgenciesValues => {
      // One rule after another, so the errors come in the order of the page.
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      const agencyIds = [...new Set(state.agencyIds)];
      if (agencyIds.length === 0) issue('agencyIds', 'Select at least one agency to add');
      else if (agencyIds.some((id) => !offered.has(id))) issue('agencyIds', 'Select agencies from the list');
      let ownDeadline: Date | null = null;
      if (state.deadline === 'cycle') {
        if (cycle.closesAt <= now)
          issue('deadlineChoice', 'The audit has closed: give the agencies a deadline of their own');
      } else if (state.deadline === 'own')
        ownDeadline = checkDeadline(
          state,
          cycle.closesAt > now ? cycle.closesAt : now,
          ctx,
          'Their deadline',
        );
      else issue('deadlineChoice', 'Select whether they have the audit’s deadline or one of their own');
      return { agencyIds, ownDeadline };
    });
