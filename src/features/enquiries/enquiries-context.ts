/**
 * What the enquiry pages share: the app's dependencies, the person as an agency user, and the
 * notices and refusal their pages show. Each page registers its routes with it;
 * `enquiries.routes.tsx` is the table of those pages.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import type { CurrentUser } from '../auth/users.repository.ts';

export const NOTICES: Record<string, string> = {
  sent: 'Enquiry sent',
  replied: 'Reply sent',
  closed: 'Enquiry closed',
  reopened: 'Enquiry reopened',
};

export const closedError = (backHref: string) =>
  new HttpError(
    409,
    'This enquiry is closed',
    'Replies cannot be added to a closed enquiry until it is reopened.',
    [{ text: 'Go back to the enquiry', href: backHref }],
  );

export const agencyIdsOf = (user: CurrentUser) => user.agencies.map((a) => a.agencyId);

/** The person as an agency user: a 404 for anyone who is in no agency. */
export function agencyUser(request: FastifyRequest): CurrentUser {
  const user = requireUser(request);
  if (user.agencies.length === 0) throw notFound('Page');
  return user;
}

export function enquiryRoutesContext(app: FastifyInstance) {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  return { app, db, clock, mailDeps: { db, mailer, baseUrl: config.baseUrl } };
}

export type EnquiryRoutes = ReturnType<typeof enquiryRoutesContext>;
