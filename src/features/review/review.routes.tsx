/**
 * The review of a return, a page (or a few of one kind) per folder. The partnership's side lives
 * under /returns/:id/review; the challenge threads and evidence requests are shared by both sides
 * (/returns/:id/challenges, /evidence), each person seeing what the rules in review-access.ts allow.
 * Every route loads the return through `loadReturnContext`, so a return the person may not see is a
 * 404. A cycle's challenge events and overdue evidence are under /cycles/:id (events/).
 */
import type { FastifyInstance } from 'fastify';
import { challengeRoutes } from './challenges/challenges.routes.tsx';
import { eventRoutes } from './events/event.routes.tsx';
import { cycleEventRoutes } from './events/schedule.routes.tsx';
import { evidenceRoutes } from './evidence/evidence.routes.tsx';
import { newEvidenceRequestRoutes } from './evidence/new-request.routes.tsx';
import { gradeRoutes } from './grades/grades.routes.tsx';
import { outcomeRoutes } from './outcome/outcome.routes.tsx';
import { overviewRoutes } from './overview/overview.routes.tsx';

/** The review's pages: each registers its own routes. */
export const REVIEW_PAGES: ReadonlyArray<{ page: string; routes: (app: FastifyInstance) => Promise<void> }> =
  [
    { page: 'The review of a return (moderation)', routes: overviewRoutes },
    { page: 'Moderated grades', routes: gradeRoutes },
    { page: 'Challenges and their threads', routes: challengeRoutes },
    { page: 'Asking for evidence', routes: newEvidenceRequestRoutes },
    { page: 'Evidence requests and answers', routes: evidenceRoutes },
    { page: 'Outcome: acceptance or return for changes', routes: outcomeRoutes },
    { page: 'A cycle’s challenge events (scheduling) and overdue evidence', routes: cycleEventRoutes },
    { page: 'A challenge event: its notes and agreed actions', routes: eventRoutes },
  ];

export async function reviewRoutes(app: FastifyInstance): Promise<void> {
  for (const { routes } of REVIEW_PAGES) await app.register(routes);
}
