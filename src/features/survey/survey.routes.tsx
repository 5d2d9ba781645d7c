/**
 * The staff survey: a table of its pages, each in its folder with its routes and view. The public
 * form staff reach through their agency's link (no sign-in, no session, no cookie; nothing that
 * identifies them is stored or logged), the partnership's settings and results, and the agency
 * lead's page with its link and results.
 */
import type { FastifyInstance } from 'fastify';
import { agencySurveyRoutes } from './agency/agency-survey.routes.tsx';
import { publicSurveyRoutes } from './public/public.routes.tsx';
import { cycleSurveyRoutes } from './results/cycle-survey.routes.tsx';
import { surveySettingsRoutes } from './settings/settings.routes.tsx';

const PAGES = [publicSurveyRoutes, surveySettingsRoutes, cycleSurveyRoutes, agencySurveyRoutes];

export async function surveyRoutes(app: FastifyInstance): Promise<void> {
  for (const page of PAGES) await page(app);
}
