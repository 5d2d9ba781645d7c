/**
 * A partnership admin's personal data pages: the retention period, what is due to be anonymised and
 * what was, and subject access exports. Admins of the partnership only.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { londonDate } from '../../lib/dates.ts';
import { attachment } from '../../lib/downloads.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { PersonalDataPage, RetentionPage, SubjectAccessPage } from './privacy.view.tsx';
import { parseRetention, parseSubjectAccess } from './privacy-forms.ts';
import { findRetentionYears, retentionOverview, saveRetentionYears } from './retention.ts';
import { gatherSubjectAccess, subjectAccessZip } from './subject-access.ts';

type Params = { Params: { partnershipId: string }; Querystring: { done?: string } };
const REFUSAL = 'Only a partnership admin can manage personal data.';

export async function privacyRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;
  const admin = (request: FastifyRequest<Params>) => partnershipAccess(request, true, REFUSAL);
  const base = (id: string) => `/partnerships/${id}/privacy`;

  app.get<Params>('/partnerships/:partnershipId/privacy', async (request, reply) => {
    const partnership = admin(request);
    return reply.html(
      PersonalDataPage({
        chrome: await request.chrome(reply),
        partnership,
        overview: await retentionOverview(db, partnership.id, clock.now()),
        notice: request.query.done === 'retention' ? 'Retention period saved' : undefined,
      }),
    );
  });

  app.get<Params>('/partnerships/:partnershipId/privacy/retention', async (request, reply) => {
    const partnership = admin(request);
    return reply.html(
      RetentionPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        value: String(await findRetentionYears(db, partnership.id)),
      }),
    );
  });

  app.post<Params>('/partnerships/:partnershipId/privacy/retention', async (request, reply) => {
    const partnership = admin(request);
    const parsed = parseRetention(request.body);
    if ('errors' in parsed)
      return reply.html(
        RetentionPage({
          chrome: await request.chrome(reply),
          csrfToken: await app.sessions.csrfToken(request, reply),
          partnership,
          value: parsed.value,
          errors: parsed.errors,
        }),
        422,
      );
    await saveRetentionYears(db, partnership.id, parsed.years);
    return reply.redirect(`${base(partnership.id)}?done=retention`, 303);
  });

  app.get<Params>('/partnerships/:partnershipId/privacy/subject-access', async (request, reply) => {
    const partnership = admin(request);
    return reply.html(
      SubjectAccessPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        partnership,
        email: '',
      }),
    );
  });

  /** A valid request answers with the zip itself (a download, so no redirect); the address is never logged. */
  app.post<Params>('/partnerships/:partnershipId/privacy/subject-access', async (request, reply) => {
    const partnership = admin(request);
    const parsed = parseSubjectAccess(request.body);
    if ('errors' in parsed)
      return reply.html(
        SubjectAccessPage({
          chrome: await request.chrome(reply),
          csrfToken: await app.sessions.csrfToken(request, reply),
          partnership,
          email: parsed.value,
          errors: parsed.errors,
        }),
        422,
      );
    const now = clock.now();
    const zip = await subjectAccessZip(await gatherSubjectAccess(db, partnership, parsed.email, now));
    return reply
      .header('content-type', 'application/zip')
      .header('content-disposition', attachment(`subject-access-${londonDate(now)}.zip`))
      .header('cache-control', 'no-store')
      .send(zip);
  });
}
