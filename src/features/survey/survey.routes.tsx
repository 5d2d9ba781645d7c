/**
 * The staff survey: the public form staff reach through their agency's link (no sign-in, no
 * session, no cookie; nothing that identifies them is stored or logged), the partnership's
 * settings and results, and the agency lead's page with its link and results.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import { assertManagesCycle, type CycleInfo, managesCycle } from '../../domain/cycle-access.ts';
import { formatDayAndTime, londonDate } from '../../lib/dates.ts';
import { attachment, downloadName } from '../../lib/downloads.ts';
import { HttpError, notFound } from '../../lib/http-errors.ts';
import { RateLimiter } from '../../lib/rate-limiter.ts';
import { SURVEY_LOG_LEVEL } from '../../lib/request-log.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import type { PageChrome } from '../../views/layout.tsx';
import { formBody } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { loadReturnContext, type ReturnParams } from '../../web/return-context.ts';
import { brandingChrome, requireUser } from '../auth/auth.plugin.ts';
import { assertAgencyLead } from '../returns/return-access.ts';
import { applicableThemes } from '../returns/return-rules.ts';
import { loadReturnStructure } from '../returns/return-structure.repository.ts';
import { surveyCsv, surveyWorkbook } from './survey.exports.ts';
import {
  countAllResponses,
  ensureLinks,
  findLinkByToken,
  insertResponse,
  listSurveyAgencies,
  loadStatements,
  loadSurvey,
  replaceLink,
  type SurveyLink,
  saveSurveySettings,
} from './survey.repository.ts';
import {
  agencySeesBatchesOnly,
  linkShareable,
  loadCycleSurvey,
  surveyStatus,
  themesWithStatements,
} from './survey.service.ts';
import {
  AgencySurveyPage,
  CycleSurveyPage,
  SurveyFormPage,
  SurveyMessagePage,
  SurveySettingsPage,
  SurveyThanksPage,
  surveyUrl,
} from './survey.view.tsx';
import {
  crossSitePost,
  parseSurveyForm,
  type SurveyFormState,
  surveyFormState,
  surveyFormToken,
  surveyFormTokenValid,
} from './survey-form.ts';
import { SURVEY_LIMITS } from './survey-rate-limit.ts';
import {
  defaultStatementsFor,
  parseSurveySettings,
  type SurveySettingsState,
  surveySettingsState,
} from './survey-statements.ts';

type TokenParams = { Params: { token: string } };
type CycleParams = { Params: { cycleId: string }; Querystring: { done?: string } };
type AgencyParams = { Params: { cycleId: string; returnId: string }; Querystring: { done?: string } };

/** A link's token: 43 URL-safe characters (256 random bits). Anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The public routes: no session read or started, and no request lines in the log. */
const anonymous = { config: { anonymous: true }, logLevel: SURVEY_LOG_LEVEL } as const;

export async function surveyRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, config } = app.deps;
  const db = database.db;
  const limiter = new RateLimiter({ limit: SURVEY_LIMITS.perSender, windowMs: SURVEY_LIMITS.windowMs });

  // The public form ---------------------------------------------------------------------------

  async function linkFor(request: FastifyRequest<TokenParams>): Promise<SurveyLink> {
    const { token } = request.params;
    if (!TOKEN.test(token)) throw notFound('Survey');
    const link = await findLinkByToken(db, token);
    if (!link) throw notFound('Survey');
    return link;
  }

  const publicChrome = (link: SurveyLink): PageChrome => ({
    navigation: [],
    demo: config.demo,
    branding: brandingChrome({
      partnershipId: link.partnershipId,
      partnershipName: link.partnershipName,
      headerColour: link.headerColour,
      logoSha256: link.logoSha256,
    }),
  });

  /** The themes that apply to the link's agency, with their statements. */
  async function formThemes(link: SurveyLink) {
    const [structure, statements] = await Promise.all([
      loadReturnStructure(db, link.partnershipId, link.templateVersionId),
      loadStatements(db, link.partnershipId, link.cycleId),
    ]);
    return themesWithStatements(
      applicableThemes(structure.themes, link.agencyLocalityIds, link.agencySector),
      statements,
    );
  }

  /** Refuses (with its page) a survey that is not taking answers now. */
  function assertOpen(link: SurveyLink, now: Date): Date {
    const { state, closesAt } = surveyStatus(
      link,
      { opensAt: link.opensAt, closesAt: link.cycleClosesAt },
      now,
    );
    if (state === 'not_open')
      throw new HttpError(
        409,
        'This survey has not opened yet',
        `It opens on ${formatDayAndTime(link.opensAt)}. Come back to this link then.`,
      );
    if (state !== 'open')
      throw new HttpError(
        410,
        'This survey has closed',
        `${link.partnershipName}’s staff survey is no longer taking answers. Thank you for your interest.`,
      );
    return closesAt;
  }

  async function formPage(
    reply: FastifyReply,
    link: SurveyLink,
    token: string,
    closesAt: Date,
    state: SurveyFormState | null,
    errors?: FormErrors,
    status?: number,
  ) {
    const themes = await formThemes(link);
    const ids = themes.flatMap((t) => t.statements.map((s) => s.id));
    return reply.header('referrer-policy', 'no-referrer').html(
      SurveyFormPage({
        chrome: publicChrome(link),
        token,
        formToken: surveyFormToken(config.sessionSecret, token, clock.now()),
        partnershipName: link.partnershipName,
        agencyName: link.agencyName,
        closesAt,
        themes,
        state: state ?? surveyFormState({}, ids),
        errors,
      }),
      status ?? (errors ? 422 : 200),
    );
  }

  /** The public pages show their refusals themselves, with the partnership's look and no sign-in links. */
  async function publicRefusal(reply: FastifyReply, link: SurveyLink | null, error: unknown) {
    if (!(error instanceof HttpError) || !link) throw error;
    return reply.html(
      SurveyMessagePage({ chrome: publicChrome(link), title: error.title, message: error.message }),
      error.statusCode,
    );
  }

  app.get<TokenParams>('/survey/:token', anonymous, async (request, reply) => {
    const link = await linkFor(request);
    try {
      const closesAt = assertOpen(link, clock.now());
      return await formPage(reply, link, request.params.token, closesAt, null);
    } catch (error) {
      return publicRefusal(reply, link, error);
    }
  });

  app.post<TokenParams>('/survey/:token', anonymous, async (request, reply) => {
    // A form sent from another site is refused before anything else is read.
    if (crossSitePost(request.headers))
      throw new HttpError(
        403,
        'This form could not be accepted',
        'It did not come from a page of this service. Open the survey link again and send your answers from there.',
      );
    const link = await linkFor(request);
    const { token } = request.params;
    const now = clock.now();
    let closesAt: Date;
    try {
      closesAt = assertOpen(link, now);
    } catch (error) {
      return publicRefusal(reply, link, error);
    }
    const body = formBody(request);
    const themes = await formThemes(link);
    const statements = themes.flatMap((t) => t.statements);
    const state = surveyFormState(
      body,
      statements.map((s) => s.id),
    );
    if (!surveyFormTokenValid(config.sessionSecret, token, body._form, now))
      return formPage(
        reply,
        link,
        token,
        closesAt,
        state,
        {
          list: [
            {
              text: 'This page was open for a long time. Check your answers and send them again.',
              href: '#main-content',
            },
          ],
          byField: {},
        },
        403,
      );
    const parsed = parseSurveyForm(state, statements);
    if (!parsed.values) return formPage(reply, link, token, closesAt, state, parsed.errors);
    const tooMany = () =>
      publicRefusal(
        reply,
        link,
        new HttpError(
          429,
          'Too many answers have been sent from here',
          'Wait a while and try again. If you share a network with many colleagues, one of them may try later.',
        ),
      );
    // The sender's address is used only here, hashed under a key that is never stored.
    if (!limiter.take([request.ip, token], now.getTime())) return tooMany();
    const stored = await insertResponse(
      db,
      link,
      parsed.values,
      londonDate(now),
      SURVEY_LIMITS.perLinkPerDay,
    );
    if (!stored) return tooMany();
    return reply.redirect(`/survey/${token}/sent`, 303);
  });

  app.get<TokenParams>('/survey/:token/sent', anonymous, async (request, reply) => {
    const link = await linkFor(request);
    return reply
      .header('referrer-policy', 'no-referrer')
      .html(SurveyThanksPage({ chrome: publicChrome(link), partnershipName: link.partnershipName }));
  });

  // The partnership -----------------------------------------------------------------------------

  async function partnershipCycle(
    request: FastifyRequest<{ Params: { cycleId: string } }>,
  ): Promise<CycleInfo> {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    return cycle;
  }

  async function cycleSurvey(cycle: CycleInfo) {
    const settings = await loadSurvey(db, cycle.partnershipId, cycle.id);
    if (settings?.enabled) await ensureLinks(db, cycle.partnershipId, cycle.id);
    const agencies = await listSurveyAgencies(db, cycle.partnershipId, cycle.id, cycle.viewerPartnershipId);
    const survey = await loadCycleSurvey(db, cycle, agencies);
    return { survey, status: surveyStatus(survey.settings, cycle, clock.now()) };
  }

  app.get<CycleParams>('/cycles/:cycleId/survey', async (request, reply) => {
    const cycle = await partnershipCycle(request);
    const { survey, status } = await cycleSurvey(cycle);
    return reply.html(
      CycleSurveyPage({
        chrome: await request.chrome(reply),
        cycle,
        survey,
        status,
        canManage: managesCycle(cycle),
        baseUrl: config.baseUrl,
        done: request.query.done === 'saved' ? 'saved' : undefined,
      }),
    );
  });

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
    const cycle = await partnershipCycle(request);
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
    const cycle = await partnershipCycle(request);
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

  /** One agency's survey in the cycle, if the viewer's partnership sees its return. */
  async function agencyInCycle(request: FastifyRequest<AgencyParams>) {
    const cycle = await partnershipCycle(request);
    if (!isUuid(request.params.returnId)) throw notFound('Agency');
    const agencies = await listSurveyAgencies(db, cycle.partnershipId, cycle.id, cycle.viewerPartnershipId);
    const agency = agencies.find((a) => a.returnId === request.params.returnId);
    if (!agency) throw notFound('Agency');
    const settings = await loadSurvey(db, cycle.partnershipId, cycle.id);
    if (settings?.enabled) await ensureLinks(db, cycle.partnershipId, cycle.id);
    const survey = await loadCycleSurvey(db, cycle, [agency]);
    return { cycle, survey, agency: survey.agencies[0]! };
  }

  app.get<AgencyParams>('/cycles/:cycleId/survey/returns/:returnId', async (request, reply) => {
    const { cycle, survey, agency } = await agencyInCycle(request);
    const status = surveyStatus(survey.settings, cycle, clock.now());
    const on = managesCycle(cycle) && linkShareable(status, agency.token);
    return reply.html(
      AgencySurveyPage({
        chrome: await request.chrome(reply),
        cycleName: cycle.name,
        agency,
        status,
        linkUrl: on ? surveyUrl(config.baseUrl, agency.token!) : null,
        back: { href: `/cycles/${cycle.id}/survey`, text: 'Staff survey' },
        forPartnership: true,
        newLink: on
          ? {
              action: `/cycles/${cycle.id}/survey/returns/${agency.returnId}/new-link`,
              csrfToken: await app.sessions.csrfToken(request, reply),
            }
          : undefined,
        done: request.query.done === 'new-link' ? 'new-link' : undefined,
      }),
    );
  });

  app.post<AgencyParams>('/cycles/:cycleId/survey/returns/:returnId/new-link', async (request, reply) => {
    const { cycle, agency } = await agencyInCycle(request);
    assertManagesCycle(cycle, 'Only a partnership admin can replace a survey link.');
    if (!(await replaceLink(db, cycle.partnershipId, agency.returnId))) throw notFound('Survey link');
    return reply.redirect(`/cycles/${cycle.id}/survey/returns/${agency.returnId}?done=new-link`, 303);
  });

  app.get<CycleParams>('/cycles/:cycleId/survey/results.csv', async (request, reply) => {
    const cycle = await partnershipCycle(request);
    const { survey } = await cycleSurvey(cycle);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('staff-survey', cycle.name, 'csv')))
      .send(surveyCsv(survey));
  });

  app.get<CycleParams>('/cycles/:cycleId/survey/results.xlsx', async (request, reply) => {
    const cycle = await partnershipCycle(request);
    const { survey } = await cycleSurvey(cycle);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('staff-survey', cycle.name, 'xlsx')))
      .send(await surveyWorkbook(cycle, survey, clock.now()));
  });

  // The agency lead -----------------------------------------------------------------------------

  async function agencySurvey(request: FastifyRequest<ReturnParams>) {
    const ctx = await loadReturnContext(db, request);
    assertAgencyLead(ctx);
    const settings = await loadSurvey(db, ctx.partnershipId, ctx.cycleId);
    if (!settings) throw notFound('Staff survey');
    if (settings.enabled) await ensureLinks(db, ctx.partnershipId, ctx.cycleId);
    const cycle = {
      id: ctx.cycleId,
      partnershipId: ctx.partnershipId,
      templateVersionId: ctx.templateVersionId,
    };
    const status = surveyStatus(settings, { opensAt: ctx.opensAt, closesAt: ctx.cycleClosesAt }, clock.now());
    const survey = await loadCycleSurvey(
      db,
      cycle,
      [
        {
          returnId: ctx.id,
          agencyName: ctx.agencyName,
          localityIds: ctx.agencyLocalityIds,
          sector: ctx.agencySector,
        },
      ],
      agencySeesBatchesOnly(status),
    );
    return { ctx, survey, status, agency: survey.agencies[0]! };
  }

  app.get<ReturnParams & { Querystring: { done?: string } }>(
    '/returns/:returnId/survey',
    async (request, reply) => {
      const { ctx, status, agency } = await agencySurvey(request);
      const on = linkShareable(status, agency.token);
      return reply.html(
        AgencySurveyPage({
          chrome: await request.chrome(reply),
          cycleName: ctx.cycleName,
          agency,
          status,
          linkUrl: on ? surveyUrl(config.baseUrl, agency.token!) : null,
          back: { href: `/returns/${ctx.id}`, text: 'Your return' },
          forPartnership: false,
          newLink: on
            ? {
                action: `/returns/${ctx.id}/survey/new-link`,
                csrfToken: await app.sessions.csrfToken(request, reply),
              }
            : undefined,
          done: request.query.done === 'new-link' ? 'new-link' : undefined,
        }),
      );
    },
  );

  app.post<ReturnParams>('/returns/:returnId/survey/new-link', async (request, reply) => {
    const { ctx } = await agencySurvey(request);
    if (!(await replaceLink(db, ctx.partnershipId, ctx.id))) throw notFound('Survey link');
    return reply.redirect(`/returns/${ctx.id}/survey?done=new-link`, 303);
  });
}
