/** The partnership's survey settings: whether the survey runs, when it closes, the statements. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { assertManagesCycle, type CycleInfo } from '../../../domain/cycle-access.ts';
import { formatDate, londonDate } from '../../../lib/dates.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { shownForPage, shownOf } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { handleRecordForm } from '../../../web/record-conflict.ts';
import { loadReturnStructure } from '../../returns/return-structure.repository.ts';
import type { ReturnStructure } from '../../returns/return-structure.ts';
import { countAllResponses } from '../survey.repository.ts';
import { partnershipCycle } from '../survey-cycle.ts';
import {
  currentSurveySettings,
  SURVEY_SETTINGS_RECORD,
  type SurveySettingsRecord,
  saveSurveySettingsForm,
  statementsField,
  surveyRecordRef,
} from '../survey-settings.service.ts';
import {
  type SurveySettingsState,
  surveySettingsFieldId,
  surveySettingsSchema,
  surveySettingsState,
} from '../survey-statements.ts';
import { SurveySettingsPage } from './settings.view.tsx';

type CycleParams = { Params: { cycleId: string }; Querystring: { done?: string } };

const MAY_SET_UP = 'Only a partnership admin can set up the staff survey.';

/** The settings record as the form shows it. */
function stateOf(record: SurveySettingsRecord, structure: ReturnStructure): SurveySettingsState {
  const [year = '', month = '', day = ''] = (record.closesOn ?? '').split('-');
  return {
    enabled: record.enabled ?? '',
    closesOn: record.closesOn
      ? { day: String(Number(day)), month: String(Number(month)), year }
      : { day: '', month: '', year: '' },
    statements: Object.fromEntries(structure.themes.map((t) => [t.id, record[statementsField(t.id)] ?? ''])),
  };
}

export async function surveySettingsRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;

  /** The cycle named in the URL, for an admin of its partnership, with its template's themes. */
  async function settingsCycle(request: FastifyRequest<CycleParams>) {
    const cycle = await partnershipCycle(db, request);
    assertManagesCycle(cycle, MAY_SET_UP);
    const structure = await loadReturnStructure(db, cycle.partnershipId, cycle.templateVersionId);
    return {
      cycle,
      structure,
      current: await currentSurveySettings(db, cycle.partnershipId, cycle.id, structure.themes),
    };
  }

  async function settingsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    m: { cycle: CycleInfo; structure: ReturnStructure; state: SurveySettingsState; shown: string },
    defaultsOffered: boolean,
    errors?: FormErrors,
  ) {
    return SurveySettingsPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      cycle: m.cycle,
      themes: m.structure.themes,
      responses: await countAllResponses(db, m.cycle.partnershipId, m.cycle.id),
      defaultsOffered,
      state: m.state,
      shown: m.shown,
      errors,
    });
  }

  app.get<CycleParams>('/cycles/:cycleId/survey/settings', async (request, reply) => {
    const { cycle, structure, current } = await settingsCycle(request);
    // A form kept when the session ended keeps what it showed: the conflict rule compares with that.
    const pending = await takePendingForm(app, request, reply);
    const themeIds = structure.themes.map((t) => t.id);
    const shown = shownForPage(pending, SURVEY_SETTINGS_RECORD, current.shown);
    const state = pending ? surveySettingsState(pending.body, themeIds) : stateOf(current.shown, structure);
    const defaultsOffered =
      !pending && !current.saved && Object.values(state.statements).some((v) => v !== '');
    return reply.html(
      await settingsPage(request, reply, { cycle, structure, state, shown }, defaultsOffered),
    );
  });

  app.post<CycleParams>('/cycles/:cycleId/survey/settings', async (request, reply) => {
    const { cycle, structure, current } = await settingsCycle(request);
    const themeIds = structure.themes.map((t) => t.id);
    const locked = (await countAllResponses(db, cycle.partnershipId, cycle.id)) > 0;
    const titles = new Map(structure.themes.map((t) => [statementsField(t.id), t.title]));
    return handleRecordForm(request, reply, {
      state: (body) => {
        const state = surveySettingsState(body, themeIds);
        // Once staff have answered, the statements are those saved, whatever the form sent.
        if (locked) state.statements = stateOf(current.shown, structure).statements;
        return state;
      },
      schema: surveySettingsSchema(structure.themes, londonDate(cycle.opensAt)),
      fieldId: surveySettingsFieldId,
      invalid: (state, errors, body) =>
        settingsPage(request, reply, { cycle, structure, state, shown: shownOf(body) }, false, errors),
      save: (values, version) =>
        saveSurveySettingsForm(
          db,
          cycle.partnershipId,
          cycle.id,
          structure.themes,
          values,
          request.user!.id,
          clock.now(),
          version,
        ),
      conflict: {
        record: surveyRecordRef(cycle.partnershipId, cycle.id),
        recordName: 'The staff survey’s settings',
        action: `/cycles/${cycle.id}/survey/settings`,
        label: (field) =>
          field === 'enabled'
            ? 'Run a staff survey in this audit?'
            : field === 'closesOn'
              ? 'Closing date'
              : `Statements: ${titles.get(field) ?? ''}`,
        show: (field, value) => {
          const text = typeof value === 'string' ? value : '';
          if (field === 'enabled') return text === 'yes' ? 'Yes' : text === 'no' ? 'No' : 'Not chosen';
          if (field === 'closesOn') return text ? formatDate(text) : 'None: it closes with the audit';
          return text || 'No statements';
        },
      },
      done: `/cycles/${cycle.id}/survey?done=saved`,
    });
  });
}
