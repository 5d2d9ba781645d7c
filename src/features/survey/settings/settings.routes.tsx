/** The partnership's survey settings: whether the survey runs, when it closes, the statements. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertManagesCycle, type CycleInfo } from '../../../domain/cycle-access.ts';
import { londonDate } from '../../../lib/dates.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { formBody } from '../../../web/form-route.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { loadReturnStructure } from '../../returns/return-structure.repository.ts';
import { countAllResponses, loadStatements, loadSurvey, saveSurveySettings } from '../survey.repository.ts';
import { partnershipCycle } from '../survey-cycle.ts';
import {
  defaultStatementsFor,
  parseSurveySettings,
  type SurveySettingsState,
  surveySettingsState,
} from '../survey-statements.ts';
import { SurveySettingsPage } from './settings.view.tsx';

type CycleParams = { Params: { cycleId: string }; Querystring: { done?: string } };

export async function surveySettingsRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;
  async function settingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    cycle: CycleInfo,
    state: SurveySettingsState,
    defaultsOffered: boolean,
    errors?: FormErrors,
  ) {
    const [structure, responses] = await Promise.all([
      loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId),
      countAllResponses(db, cycle.partnershipId, cycle.id),
    ]);
    return reply.html(
      SurveySettingsPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        cycle,
        themes: structure.themes,
        responses,
        defaultsOffered,
        state,
        errors,
      }),
      errors ? 422 : 200,
    );
  }

  /** The statements saved, one a line per theme. */
  async function savedStatements(cycle: CycleInfo): Promise<Record<string, string>> {
    const statements = await loadStatements(db, cycle.partnershipId, cycle.id);
    const byTheme: Record<string, string> = {};
    for (const s of statements)
      byTheme[s.themeId] = byTheme[s.themeId] ? `${byTheme[s.themeId]}\n${s.text}` : s.text;
    return byTheme;
  }

  app.get<CycleParams>('/cycles/:cycleId/survey/settings', async (request, reply) => {
    const cycle = await partnershipCycle(db, request);
    assertManagesCycle(cycle, 'Only a partnership admin can set up the staff survey.');
    const pending = await takePendingForm(app, request, reply);
    const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
    const themeIds = structure.themes.map((t) => t.id);
    if (pending)
      return settingsPage(request, reply, cycle, surveySettingsState(pending.body, themeIds), false);
    const settings = await loadSurvey(db, cycle.partnershipId, cycle.id);
    if (settings) {
      const [year = '', month = '', day = ''] = (settings.closesOn ?? '').split('-');
      return settingsPage(
        request,
        reply,
        cycle,
        {
          enabled: settings.enabled ? 'yes' : 'no',
          closesOn: settings.closesOn
            ? { day: String(Number(day)), month: String(Number(month)), year }
            : { day: '', month: '', year: '' },
          statements: await savedStatements(cycle),
        },
        false,
      );
    }
    const defaults = Object.fromEntries(
      structure.themes.map((t) => [t.id, defaultStatementsFor(t.key).join('\n')]),
    );
    return settingsPage(
      request,
      reply,
      cycle,
      { enabled: '', closesOn: { day: '', month: '', year: '' }, statements: defaults },
      Object.values(defaults).some((v) => v !== ''),
    );
  });

  app.post<CycleParams>('/cycles/:cycleId/survey/settings', async (request, reply) => {
    const cycle = await partnershipCycle(db, request);
    assertManagesCycle(cycle, 'Only a partnership admin can set up the staff survey.');
    const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
    const state = surveySettingsState(
      formBody(request),
      structure.themes.map((t) => t.id),
    );
    const locked = (await countAllResponses(db, cycle.partnershipId, cycle.id)) > 0;
    // Once staff have answered, the statements are those saved, whatever the form sent.
    if (locked) state.statements = await savedStatements(cycle);
    const parsed = parseSurveySettings(state, structure.themes, londonDate(cycle.opensAt));
    if (!parsed.values) return settingsPage(request, reply, cycle, state, false, parsed.errors);
    await saveSurveySettings(
      db,
      cycle.partnershipId,
      cycle.id,
      parsed.values,
      !locked,
      request.user!.id,
      clock.now(),
    );
    return reply.redirect(`/cycles/${cycle.id}/survey?done=saved`, 303);
  });
}
