/**
 * Who at an agency is told about its return: one rule for every message the partnership or the
 * service sends to an agency.
 *
 * - The agency's lead users are told of everything about its return.
 * - Where the agency has no lead user yet, its lead contact (the email address the partnership keeps
 *   for it) is told instead, so an agency added with only a contact address still hears of its
 *   invitation, reminders, deadline changes and the partnership's review.
 * - Contributors are told where the message concerns the themes assigned to them: a challenge or an
 *   evidence request on their theme, their theme reopened for changes, and a new deadline for the
 *   return they are working on.
 */

/** Every message sent to an agency about its return. */
export const AGENCY_MESSAGES = [
  'invitation',
  'reminder',
  'deadline_changed',
  'challenge',
  'evidence_request',
  'returned_for_changes',
  'accepted',
  'challenge_event',
] as const;
export type AgencyMessage = (typeof AGENCY_MESSAGES)[number];

/**
 * Which contributors each message reaches besides the leads: none, those assigned a theme the
 * message is about, or everyone assigned a theme of the return.
 */
export const CONTRIBUTORS_TOLD: Record<AgencyMessage, 'none' | 'of-the-themes' | 'all'> = {
  invitation: 'none',
  reminder: 'none',
  deadline_changed: 'all',
  challenge: 'of-the-themes',
  evidence_request: 'of-the-themes',
  returned_for_changes: 'of-the-themes',
  accepted: 'none',
  challenge_event: 'none',
};

export interface Person {
  email: string;
  /** Null for a lead contact, who is an address rather than a person with an account. */
  name: string | null;
}

/** The people of one agency a message about one return can reach. */
export interface AgencyAudience {
  leads: Person[];
  leadContactEmail: string | null;
  contributors: Array<Person & { themeIds: string[] }>;
}

/**
 * The people told of `message`; `themeIds` are the themes it concerns (empty for the return as a
 * whole). Each address once, leads first.
 */
export function whoIsTold(
  message: AgencyMessage,
  audience: AgencyAudience,
  themeIds: readonly string[] = [],
): Person[] {
  const told = new Map<string, Person>();
  const add = (p: Person) => {
    const key = p.email.toLowerCase();
    if (!told.has(key)) told.set(key, p);
  };
  for (const lead of audience.leads) add(lead);
  if (audience.leads.length === 0 && audience.leadContactEmail)
    add({ email: audience.leadContactEmail, name: null });
  const which = CONTRIBUTORS_TOLD[message];
  for (const c of audience.contributors) {
    if (which === 'all' || (which === 'of-the-themes' && c.themeIds.some((t) => themeIds.includes(t))))
      add({ email: c.email, name: c.name });
  }
  return [...told.values()];
}

/** "Hello Sam," for a person, "Hello," for a lead contact's address. */
export const greeting = (p: Person): string => (p.name ? `Hello ${p.name},` : 'Hello,');
