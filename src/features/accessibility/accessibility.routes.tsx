/**
 * The accessibility statement: `/accessibility` (linked from every page's footer) names the
 * partnerships a signed-in person works with, or lists every partnership's statement for a
 * visitor; `/p/<short name>/accessibility` is a partnership's own statement, public whether or not
 * its guidance pages are.
 */
import type { FastifyInstance } from 'fastify';
import { notFound } from '../../lib/http-errors.ts';
import { allPartnerships, partnershipByShortName, partnershipsOf } from './accessibility.repository.ts';
import { AccessibilityStatementPage } from './accessibility.view.tsx';

export async function accessibilityRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;

  app.get('/accessibility', async (request, reply) => {
    const own = request.user ? await partnershipsOf(db, request.user.id) : [];
    return reply.html(
      AccessibilityStatementPage({
        chrome: await request.chrome(reply),
        contacts:
          own.length > 0
            ? { kind: 'named', partnerships: own }
            : { kind: 'choose', partnerships: await allPartnerships(db) },
      }),
    );
  });

  app.get<{ Params: { shortName: string } }>('/p/:shortName/accessibility', async (request, reply) => {
    const partnership = await partnershipByShortName(db, request.params.shortName);
    if (!partnership) throw notFound('Page');
    return reply.html(
      AccessibilityStatementPage({
        chrome: await request.chrome(reply),
        contacts: { kind: 'named', partnerships: [partnership] },
        partnershipName: partnership.name,
      }),
    );
  });
}
