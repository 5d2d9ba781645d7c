/**
 * The public survey form staff reach through their agency's link: no sign-in, no session, no
 * cookie; nothing that identifies them is stored or logged.
 */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { actFor, inSystemContext } from '../../../db/acting-partnership.ts';
import type { Db } from '../../../db/client.ts';
import { formatDayAndTime, londonDate } from '../../../lib/dates.ts';
import { HttpError, notFound } from '../../../lib/http-errors.ts';
import { RateLimiter } from '../../../lib/rate-limiter.ts';
import { SURVEY_LOG_LEVEL } from '../../../lib/request-log.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import type { PageChrome } from '../../../views/layout.tsx';
import { formBody } from '../../../web/form-route.ts';
import { brandingChrome } from '../../auth/auth.plugin.ts';
import { applicableThemes } from '../../returns/return-rules.ts';
import { loadReturnStructure } from '../../returns/return-structure.repository.ts';
import { findLinkByToken, insertResponse, loadStatements, type SurveyLink } from '../survey.repository.ts';
import { surveyStatus, themesWithStatements } from '../survey.service.ts';
import {
  crossSitePost,
  parseSurveyForm,
  type SurveyFormState,
  surveyFormState,
  surveyFormToken,
  surveyFormTokenValid,
} from '../survey-form.ts';
import { SURVEY_LIMITS } from '../survey-rate-limit.ts';
import { SurveyFormPage, SurveyMessagePage, SurveyThanksPage } from './public.view.tsx';

type TokenParams = { Params: { token: string } };

/** A link's token: 43 URL-safe characters (256 random bits). Anything else is not looked up. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** The public routes: no session read or started, and no request lines in the log. */
const anonymous = { config: { anonymous: true }, logLevel: SURVEY_LOG_LEVEL } as const;

/** The link a request names (else 404). */
async function linkFor(db: Db, request: FastifyRequest<TokenParams>): Promise<SurveyLink> {
  const { token } = request.params;
  if (!TOKEN.test(token)) throw notFound('Survey');
  // The token alone says which partnership's survey it is: found in the system's context, then the
  // rest of the request acts for that partnership (the database's wall).
  const link = await inSystemContext(() => findLinkByToken(db, token));
  if (!link) throw notFound('Survey');
  actFor(link.partnershipId);
  return link;
}

/** The public pages' look: the partnership's branding, no navigation. */
const publicChrome = (demo: boolean, link: SurveyLink): PageChrome => ({
  navigation: [],
  demo,
  branding: brandingChrome({
    partnershipId: link.partnershipId,
    partnershipName: link.partnershipName,
    headerColour: link.headerColour,
    logoSha256: link.logoSha256,
  }),
});

/** The themes that apply to the link's agency, with their statements. */
async function formThemes(db: Db, link: SurveyLink) {
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

export async function publicSurveyRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, config } = app.deps;
  const db = database.db;
  const limiter = new RateLimiter({ limit: SURVEY_LIMITS.perSender, windowMs: SURVEY_LIMITS.windowMs });

  async function formPage(
    reply: FastifyReply,
    link: SurveyLink,
    token: string,
    closesAt: Date,
    state: SurveyFormState | null,
    errors?: FormErrors,
    status?: number,
  ) {
    const themes = await formThemes(db, link);
    const ids = themes.flatMap((t) => t.statements.map((s) => s.id));
    return reply.header('referrer-policy', 'no-referrer').html(
      SurveyFormPage({
        chrome: publicChrome(config.demo, link),
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
      SurveyMessagePage({
        chrome: publicChrome(config.demo, link),
        title: error.title,
        message: error.message,
      }),
      error.statusCode,
    );
  }

  app.get<TokenParams>('/survey/:token', anonymous, async (request, reply) => {
    const link = await linkFor(db, request);
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
    const link = await linkFor(db, request);
    const { token } = request.params;
    const now = clock.now();
    let closesAt: Date;
    try {
      closesAt = assertOpen(link, now);
    } catch (error) {
      return publicRefusal(reply, link, error);
    }
    const body = formBody(request);
    const themes = await formThemes(db, link);
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
    const link = await linkFor(db, request);
    return reply
      .header('referrer-policy', 'no-referrer')
      .html(
        SurveyThanksPage({ chrome: publicChrome(config.demo, link), partnershipName: link.partnershipName }),
      );
  });
}
