/**
 * The composition root: builds the Fastify server from its dependencies, so tests build the same
 * app with a real database and a controllable clock.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RouteOptions,
} from 'fastify';
import type { Config } from './config.ts';
import type { Database } from './db/client.ts';
import { accessibilityRoutes } from './features/accessibility/accessibility.routes.tsx';
import { actionReminderRoutes } from './features/action-reminders/action-reminders.routes.tsx';
import { agencyRoutes } from './features/agencies/agencies.routes.tsx';
import { agencyImportRoutes } from './features/agencies/agency-import.routes.tsx';
import { agencyShareRoutes } from './features/agencies/agency-shares.routes.tsx';
import { apiRoutes } from './features/api/api.routes.ts';
import { apiDocsRoutes } from './features/api/api-docs.routes.tsx';
import { apiTokenRoutes } from './features/api/api-tokens.routes.tsx';
import { themeAssignmentRoutes } from './features/assignments/theme-assignments.routes.tsx';
import { authPlugin, SignInRequired } from './features/auth/auth.plugin.ts';
import { authRoutes } from './features/auth/auth.routes.tsx';
import { CURRENT_USER_COLUMNS, currentUserFromRow } from './features/auth/users.repository.ts';
import { cycleRoutes } from './features/cycles/cycles.routes.tsx';
import { deadlineRoutes } from './features/cycles/deadlines.routes.tsx';
import { lateAgencyRoutes } from './features/cycles/late-agencies.routes.tsx';
import { monitoringRoutes } from './features/cycles/monitoring.routes.tsx';
import { reminderScheduleRoutes } from './features/cycles/reminder-schedule.routes.tsx';
import { devMailRoutes } from './features/dev-mail/dev-mail.routes.tsx';
import { displaySettingsRoutes } from './features/display/display-settings.routes.tsx';
import { enquiryRoutes } from './features/enquiries/enquiries.routes.tsx';
import { cycleExportRoutes } from './features/exports/cycle-exports.routes.tsx';
import { guidanceRoutes } from './features/guidance/guidance.routes.tsx';
import { homeRoutes } from './features/home/home.routes.tsx';
import { joinRequestRoutes } from './features/join-requests/join-requests.routes.tsx';
import { partnershipSettingsRoutes } from './features/partnerships/settings.routes.tsx';
import { peopleRoutes } from './features/people/people.routes.tsx';
import { platformRoutes } from './features/platform/platform.routes.tsx';
import { privacyRoutes } from './features/privacy/privacy.routes.tsx';
import { findingsReportRoutes } from './features/results/findings-report.routes.tsx';
import { resultsRoutes } from './features/results/results.routes.tsx';
import { cacheStructures } from './features/returns/return-structure.repository.ts';
import { returnRoutes } from './features/returns/returns.routes.tsx';
import { reviewRoutes } from './features/review/review.routes.tsx';
import { identityProviderSettingsRoutes } from './features/single-sign-on/identity-provider-settings.routes.tsx';
import { oidcRoutes } from './features/single-sign-on/oidc.routes.tsx';
import { surveyRoutes } from './features/survey/survey.routes.tsx';
import { templateAuthoringRoutes } from './features/templates/template-authoring.routes.tsx';
import { templateLibraryRoutes } from './features/templates/template-library.routes.tsx';
import { templateRoutes } from './features/templates/templates.routes.tsx';
import type { JobQueue } from './jobs/job-queue.ts';
import { BoundedCache } from './lib/bounded-cache.ts';
import type { Clock } from './lib/clock.ts';
import { serverLimits } from './lib/graceful-shutdown.ts';
import { HttpError } from './lib/http-errors.ts';
import { metrics } from './lib/metrics.ts';
import type { RateLimits } from './lib/rate-limiter.ts';
import { requestId, serializeRequest } from './lib/request-log.ts';
import { answerIfUnavailable, serviceAvailability } from './lib/service-availability.ts';
import sessions from './lib/session.ts';
import type { Mailer } from './mail/mailer.ts';
import { ErrorPage } from './views/error-page.tsx';
import { type PageBody, pageBytes } from './views/page-parts.ts';
import { answeredStatus } from './web/error-status.ts';
import { closeEachRequest, scopeEachRequest } from './web/partnership-wall.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  mailer: Mailer;
  clock: Clock;
  /** The job queue, for work done in the background (large exports). Without it, done at once. */
  queue?: Pick<JobQueue, 'send'> | null;
  /** Rate limits other than the defaults (tests that sign in many times raise them). */
  limits?: Partial<RateLimits>;
  /** Whether the job queue's workers are running (for `/readyz`); absent when the app has none. */
  jobsRunning?: () => boolean;
  /** Where the log goes instead of standard output (tests read it); logging is then on in tests too. */
  logStream?: { write(line: string): void };
  /** Told of every route as it is registered (the authorisation matrix test lists them all). */
  onRoute?: (route: RouteOptions) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyReply {
    /** Sends a rendered page. */
    html(this: FastifyReply, page: PageBody, status?: number): Promise<FastifyReply>;
  }
}

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * Published template versions whose structure is kept in memory (each some tens of kilobytes): more
 * than the versions in use at once by every partnership of a large deployment.
 */
const STRUCTURE_CACHE_ENTRIES = 200;
/**
 * The largest response compressed in one call on the event loop (about 2 ms at brotli quality 4);
 * larger ones (a whole audit's monitoring page) go through a compression stream off the loop.
 */
const SYNC_COMPRESS_MAX_BYTES = 512 * 1024;
const require = createRequire(import.meta.url);
const govukDist = dirname(require.resolve('govuk-frontend/dist/govuk/govuk-frontend.min.js'));

export async function createApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config } = deps;
  const app = Fastify({
    logger:
      config.env === 'test' && !deps.logStream
        ? false
        : {
            level: config.logLevel,
            serializers: { req: serializeRequest },
            ...(deps.logStream ? { stream: deps.logStream } : {}),
          },
    trustProxy: config.trustProxy,
    // Every line logged for a request carries its id (`reqId`), also sent back as X-Request-Id.
    requestIdHeader: false,
    genReqId: (request) => requestId(request.headers['x-request-id'], config.trustProxy),
    bodyLimit: 2 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    ...serverLimits(config),
  });
  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  // First of all: each request's database scope (the partnership it acts for, once known).
  scopeEachRequest(app);
  app.decorate('deps', deps);
  cacheStructures(deps.database.db, new BoundedCache(STRUCTURE_CACHE_ENTRIES));
  app.decorateReply('html', async function (this: FastifyReply, page: PageBody, status = 200) {
    return this.code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(pageBytes(await page));
  });

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    // The old browsers' XSS filter is switched off (OWASP's advice: it could be made to hide
    // parts of a page, and leak what they held); the content security policy below protects.
    reply.header('x-xss-protection', '0');
    // A page may ask for less (the staff survey sends no referrer at all).
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    reply.header(
      'content-security-policy',
      "default-src 'self'; script-src 'self' 'sha256-GUQ5ad8JK5KmEWmROf3LZd9ge94daqNvd8xy9YS1iDw='; img-src 'self' data:; style-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    );
    // Production is served over https only (BASE_URL): browsers are told never to use http.
    if (config.env === 'production')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });

  // Before the session is read: while shutting down nothing more is asked of the database.
  await app.register(serviceAvailability, {
    database: deps.database,
    ...(deps.jobsRunning ? { jobsRunning: deps.jobsRunning } : {}),
  });
  await app.register(metrics, { token: config.metricsToken, database: deps.database });
  // Pages, styles and scripts compressed when the browser asks (files that are already, like
  // XLSX and PDF, are left as they are); request bodies are never unpacked. A page (sent as one
  // buffer) up to SYNC_COMPRESS_MAX_BYTES is compressed in one call: the plugin's default on two
  // cores streams anything past 8 KB through a compression stream, which cost a theme page (~130 KB)
  // some 6 ms of CPU against half a millisecond in one call (brotli quality 4, the same bytes).
  await app.register(compress, {
    encodings: ['br', 'gzip'],
    globalDecompression: false,
    syncThreshold: SYNC_COMPRESS_MAX_BYTES,
  });
  await app.register(cookie, { secret: config.sessionSecret });
  // Forms only: URL-encoded here, multipart where a plugin accepts a file; anything else (JSON,
  // plain text) is 415. The API, which could take JSON, adds its own parser.
  app.removeAllContentTypeParsers();
  await app.register(formbody);
  await app.register(fastifyStatic, {
    root: govukDist,
    prefix: '/assets/',
    decorateReply: false,
    index: false,
  });
  await app.register(fastifyStatic, { root: join(root, 'public'), prefix: '/static/', decorateReply: false });
  // Browsers ask for it on every site, whatever the page links.
  const favicon = readFileSync(join(root, 'public/favicon.ico'));
  app.get('/favicon.ico', async (_request, reply) =>
    reply.type('image/x-icon').header('cache-control', 'public, max-age=604800').send(favicon),
  );
  await app.register(fastifyStatic, {
    root: join(root, 'public/build'),
    prefix: '/build/',
    decorateReply: false,
  });
  await app.register(sessions, {
    db: deps.database.db,
    clock: deps.clock,
    idleMinutes: config.sessionIdleMinutes,
    secure: config.env === 'production',
    user: { columns: CURRENT_USER_COLUMNS, parse: currentUserFromRow },
  });
  await app.register(authPlugin);
  closeEachRequest(app);

  app.setErrorHandler(
    async (error: Error & { statusCode?: number; code?: string }, request: FastifyRequest, reply) => {
      if (await answerIfUnavailable(error, request, reply)) return reply;
      if (error instanceof SignInRequired) {
        return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 303);
      }
      if (error instanceof HttpError) {
        return reply.html(
          ErrorPage({
            title: error.title,
            message: error.message,
            links: error.links,
            progress: error.progress,
            chrome: await request.chrome(reply),
          }),
          error.statusCode,
        );
      }
      const status = answeredStatus(error, request);
      const title =
        status === 413
          ? 'What you sent is too large'
          : status === 500
            ? 'Sorry, there is a problem with the service'
            : 'There is a problem with what was sent';
      const message =
        status === 413
          ? 'Go back, shorten your text and try again.'
          : status === 500
            ? 'Try again later. What you had already saved has been kept.'
            : 'Go back and try again.';
      return reply.html(
        ErrorPage({ title, message, links: [{ text: 'Go to your home page', href: '/' }] }),
        status,
      );
    },
  );
  app.setNotFoundHandler(async (request, reply) => {
    return reply.html(
      ErrorPage({
        title: 'Page not found',
        message:
          'If you typed the web address, check it is correct. If you followed a link, it may be out of date.',
        links: [{ text: 'Go to your home page', href: '/' }],
        chrome: await request.chrome(reply),
      }),
      404,
    );
  });

  await app.register(authRoutes);
  await app.register(oidcRoutes);
  await app.register(identityProviderSettingsRoutes);
  await app.register(homeRoutes);
  await app.register(accessibilityRoutes);
  await app.register(displaySettingsRoutes);
  await app.register(returnRoutes);
  await app.register(reviewRoutes);
  await app.register(monitoringRoutes);
  await app.register(cycleExportRoutes);
  await app.register(resultsRoutes);
  await app.register(findingsReportRoutes);
  await app.register(deadlineRoutes);
  await app.register(lateAgencyRoutes);
  await app.register(reminderScheduleRoutes);
  await app.register(actionReminderRoutes);
  await app.register(agencyRoutes);
  await app.register(agencyImportRoutes);
  await app.register(agencyShareRoutes);
  await app.register(joinRequestRoutes);
  await app.register(cycleRoutes);
  await app.register(peopleRoutes);
  await app.register(privacyRoutes);
  await app.register(themeAssignmentRoutes);
  await app.register(partnershipSettingsRoutes);
  await app.register(platformRoutes);
  await app.register(guidanceRoutes);
  await app.register(enquiryRoutes);
  await app.register(templateRoutes);
  await app.register(apiTokenRoutes);
  await app.register(apiDocsRoutes);
  await app.register(apiRoutes, { prefix: '/api/v1' });
  await app.register(templateAuthoringRoutes);
  await app.register(surveyRoutes);
  await app.register(templateLibraryRoutes);
  if (config.devMail) await app.register(devMailRoutes);
  return app;
}
