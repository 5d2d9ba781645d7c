/**
 * What the pages setting up an audit share: the app's dependencies and the message for a name
 * another audit of the partnership has. Each page registers its routes with it; `cycles.routes.tsx`
 * is the table of those pages.
 */
import type { FastifyInstance } from 'fastify';
import { oneError } from '../../../views/form-errors.ts';

/** The error on the name when another audit of the partnership has it. */
export const NAME_TAKEN = 'There is already an audit with this name. Choose another name.';
export const nameTakenErrors = () => oneError('name', NAME_TAKEN);

export function setupRoutesContext(app: FastifyInstance) {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;
  return { app, db, clock, eventDeps: { db, mailer, baseUrl: config.baseUrl } };
}

export type SetupRoutes = ReturnType<typeof setupRoutesContext>;
