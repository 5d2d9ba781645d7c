/**
 * Adding agencies to an audit already set up (a late joiner, a newly approved voluntary
 * organisation): which agencies, and whether they get the audit's deadline or one of their own.
 */
import type { DateParts } from '../../lib/dates.ts';
import { FormErrorBuilder, type FormErrors } from '../../views/form-errors.ts';
import { checkDeadline } from './deadlines.ts';

export interface LateAgenciesState {
  agencyIds: string[];
  /** 'cycle': the audit's deadline; 'own': the date and time below. */
  deadline: string;
  date: DateParts;
  time: string;
}

export function lateAgenciesState(body: Record<string, unknown>): LateAgenciesState {
  const s = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
  const raw = body.agencyIds;
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return {
    agencyIds: list.filter((v): v is string => typeof v === 'string'),
    deadline: s('deadlineChoice'),
    date: { day: s('deadline-day'), month: s('deadline-month'), year: s('deadline-year') },
    time: s('time'),
  };
}

export const emptyLateAgencies = (): LateAgenciesState => ({
  agencyIds: [],
  deadline: '',
  date: { day: '', month: '', year: '' },
  time: '',
});

export function parseLateAgencies(
  state: LateAgenciesState,
  offered: ReadonlySet<string>,
  cycle: { closesAt: Date },
  now: Date,
):
  | { values: { agencyIds: string[]; ownDeadline: Date | null }; errors?: undefined }
  | { values?: undefined; errors: FormErrors } {
  const errors = new FormErrorBuilder();
  const chosen = [...new Set(state.agencyIds)];
  if (chosen.length === 0) errors.add('agencyIds', 'Select at least one agency to add', 'agencyIds');
  else if (chosen.some((id) => !offered.has(id)))
    errors.add('agencyIds', 'Select agencies from the list', 'agencyIds');
  let ownDeadline: Date | null = null;
  if (state.deadline === 'cycle') {
    if (cycle.closesAt <= now)
      errors.add(
        'deadlineChoice',
        'The audit has closed: give the agencies a deadline of their own',
        'deadlineChoice',
      );
  } else if (state.deadline === 'own') {
    // Their own deadline is later than the audit's (else they would simply have the audit's).
    const after = cycle.closesAt > now ? cycle.closesAt : now;
    ownDeadline = checkDeadline(state, after, errors, 'Their deadline');
  } else
    errors.add(
      'deadlineChoice',
      'Select whether they have the audit’s deadline or one of their own',
      'deadlineChoice',
    );
  if (errors.hasErrors) return { errors: errors.build() };
  return { values: { agencyIds: chosen, ownDeadline } };
}
