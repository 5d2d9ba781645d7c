/**
 * Configuration, read once from the environment. Every variable is listed in .env.example and the
 * README. In production a missing secret, base URL or mail transport stops the app at start-up, and
 * demo mode is refused. Without NODE_ENV, the app runs in production as soon as it is given a
 * session secret, an https base URL or a mail transport (something only a real deployment sets), so
 * a forgotten NODE_ENV never serves the development mailbox to the world.
 */
import { z } from 'zod';
import { NOTIFY_DEFAULT_BASE_URL, parseNotifyKey } from './mail/notify.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : ['true', '1', 'yes'].includes(v)));

/** Minutes without a request before a session ends, unless `SESSION_IDLE_MINUTES` says otherwise. */
export const DEFAULT_SESSION_IDLE_MINUTES = 30;

const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'production', 'test', ''])
    .optional()
    .transform((v) => v || undefined),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  BASE_URL: z.string().url().optional(),
  DATABASE_URL: z.string().optional(),
  /** The app's own login to DATABASE_URL's database: a role in s11_app that owns none of the tables. */
  DATABASE_APP_URL: z.string().optional(),
  DATA_DIR: z.string().default('./data'),
  SESSION_SECRET: z.string().optional(),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(12 * 60)
    .default(DEFAULT_SESSION_IDLE_MINUTES),
  /** Seconds before the idle sign-out that signed-in pages warn (the GOV.UK timeout pattern). */
  SESSION_WARNING_SECONDS: z.coerce.number().int().min(5).max(3600).default(120),
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('Section 11 Audit <no-reply@section11.invalid>'),
  NOTIFY_API_KEY: z.string().optional(),
  NOTIFY_TEMPLATE_ID: z.string().optional(),
  NOTIFY_BASE_URL: z.string().url().optional(),
  DEMO: bool,
  TRUST_PROXY: bool,
  EXPORT_INLINE_RETURNS: z.coerce.number().int().min(0).max(100_000).default(40),
  GRADES_INLINE_RETURNS: z.coerce.number().int().min(0).max(1_000_000).default(1000),
  REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  KEEP_ALIVE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(65),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().min(0.1).max(600).default(10),
  METRICS_TOKEN: z.string().min(16, 'at least 16 characters').optional().or(z.literal('')),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Only where the database is (for maintenance commands such as backups, which need no secrets). */
export function loadDatabaseConfig(env: NodeJS.ProcessEnv = process.env): {
  databaseUrl: string | undefined;
  appDatabaseUrl: string | undefined;
  dataDir: string;
} {
  const e = envSchema.pick({ DATABASE_URL: true, DATABASE_APP_URL: true, DATA_DIR: true }).parse(env);
  return {
    databaseUrl: e.DATABASE_URL || undefined,
    appDatabaseUrl: (e.DATABASE_URL && e.DATABASE_APP_URL) || undefined,
    dataDir: e.DATA_DIR,
  };
}

export interface Config {
  env: 'development' | 'production' | 'test';
  /** Why the app runs as `env`, for the one line logged at start. */
  envReason: string;
  /**
   * The development mailbox (`/dev/mail`): only outside production with no mail transport, where
   * mail is kept instead of sent. Demo mode needs it (its accounts' links are read there).
   */
  devMail: boolean;
  host: string;
  port: number;
  baseUrl: string;
  databaseUrl: string | undefined;
  /** The app's own login (DATABASE_APP_URL, with DATABASE_URL only): see src/db/client.ts. */
  appDatabaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  sessionIdleMinutes: number;
  /** How long before the idle sign-out a signed-in page offers to stay signed in. */
  sessionWarningSeconds: number;
  smtpUrl: string | undefined;
  mailFrom: string;
  /** GOV.UK Notify, the alternative to SMTP: one generic template with `subject` and `body`. */
  notify: { apiKey: string; templateId: string; baseUrl: string } | undefined;
  /** Seed the demo partnership into an empty embedded database and list demo accounts at sign-in. */
  demo: boolean;
  trustProxy: boolean;
  logLevel: string;
  /** The bearer token `/metrics` asks for; without one there is no `/metrics`. */
  metricsToken: string | undefined;
  /** Cycles with at most this many returns are exported at once; larger ones by a background job. */
  exportInlineReturns: number;
  /**
   * A results page works out the grades of at most this many submitted returns whose grades are not
   * kept; more are kept by a background job while the page says how far it has got.
   */
  gradesInlineReturns: number;
  /** A request (headers and body) must arrive within this; a silent connection is closed after it. */
  requestTimeoutSeconds: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutSeconds: number;
  /** On SIGTERM or SIGINT, requests in flight get this long to finish. */
  shutdownTimeoutSeconds: number;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const mailTransport = Boolean(e.SMTP_URL || e.NOTIFY_API_KEY);
  const deploymentHints = [
    e.SESSION_SECRET ? 'SESSION_SECRET' : null,
    e.BASE_URL?.startsWith('https:') ? 'an https BASE_URL' : null,
    mailTransport ? 'a mail transport' : null,
  ].filter((h): h is string => h !== null);
  const mode = e.NODE_ENV ?? (deploymentHints.length > 0 ? 'production' : 'development');
  const envReason = e.NODE_ENV
    ? `NODE_ENV is ${e.NODE_ENV}`
    : deploymentHints.length > 0
      ? `NODE_ENV is not set and ${deploymentHints.join(', ')} ${deploymentHints.length > 1 ? 'are' : 'is'} given`
      : 'NODE_ENV is not set and nothing of a deployment is given';
  const production = mode === 'production';
  const devMail = !production && !mailTransport;
  const notifyProblems: string[] = [];
  if (e.NOTIFY_API_KEY || e.NOTIFY_TEMPLATE_ID) {
    if (!e.NOTIFY_API_KEY || !parseNotifyKey(e.NOTIFY_API_KEY))
      notifyProblems.push('NOTIFY_API_KEY must be a GOV.UK Notify API key (name-serviceId-secretKey)');
    if (!e.NOTIFY_TEMPLATE_ID) notifyProblems.push('NOTIFY_TEMPLATE_ID is needed with NOTIFY_API_KEY');
    if (e.SMTP_URL) notifyProblems.push('set either SMTP_URL or NOTIFY_API_KEY, not both');
  }
  if (notifyProblems.length)
    throw new ConfigError(`Invalid mail configuration: ${notifyProblems.join('; ')}`);
  if (production) {
    const missing: string[] = [];
    if (!e.SESSION_SECRET || e.SESSION_SECRET.length < 32)
      missing.push('SESSION_SECRET (at least 32 characters)');
    if (!e.BASE_URL) missing.push('BASE_URL');
    if (!e.SMTP_URL && !e.NOTIFY_API_KEY)
      missing.push('a mail transport: SMTP_URL, or NOTIFY_API_KEY and NOTIFY_TEMPLATE_ID');
    if (e.DEMO) missing.push('DEMO must not be true in production');
    if (missing.length)
      throw new ConfigError(`Missing or invalid in production (${envReason}): ${missing.join(', ')}`);
  }
  if (e.DATABASE_APP_URL && !e.DATABASE_URL)
    throw new ConfigError(
      "DATABASE_APP_URL is the app's own login to DATABASE_URL's database: set DATABASE_URL too, or leave both empty for the embedded database",
    );
  if (e.DEMO && !devMail)
    throw new ConfigError('DEMO needs the development mailbox: no SMTP_URL or NOTIFY_API_KEY');
  return {
    env: mode,
    envReason,
    devMail,
    host: e.HOST,
    port: e.PORT,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    ...loadDatabaseConfig(env),
    sessionSecret: e.SESSION_SECRET ?? 'development-only-secret-not-for-production-use',
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    sessionWarningSeconds: e.SESSION_WARNING_SECONDS,
    smtpUrl: e.SMTP_URL || undefined,
    mailFrom: e.MAIL_FROM,
    notify:
      e.NOTIFY_API_KEY && e.NOTIFY_TEMPLATE_ID
        ? {
            apiKey: e.NOTIFY_API_KEY,
            templateId: e.NOTIFY_TEMPLATE_ID,
            baseUrl: e.NOTIFY_BASE_URL ?? NOTIFY_DEFAULT_BASE_URL,
          }
        : undefined,
    demo: devMail ? (e.DEMO ?? !e.DATABASE_URL) : false,
    trustProxy: e.TRUST_PROXY ?? false,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN || undefined,
    exportInlineReturns: e.EXPORT_INLINE_RETURNS,
    gradesInlineReturns: e.GRADES_INLINE_RETURNS,
    requestTimeoutSeconds: e.REQUEST_TIMEOUT_SECONDS,
    keepAliveTimeoutSeconds: e.KEEP_ALIVE_TIMEOUT_SECONDS,
    shutdownTimeoutSeconds: e.SHUTDOWN_TIMEOUT_SECONDS,
  };
}
