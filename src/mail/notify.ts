/**
 * GOV.UK Notify as the mail transport: one generic email template whose personalisation carries the
 * subject and the body (the template is "((subject))" / "((body))"). Requests are authorised by a
 * short-lived HS256 JWT signed with the API key's secret, made with node's crypto.
 */
import { createHmac } from 'node:crypto';
import { type MailMessage, PermanentDeliveryError, type Transport } from './mailer.ts';

export const NOTIFY_DEFAULT_BASE_URL = 'https://api.notifications.service.gov.uk';

export interface NotifyKey {
  serviceId: string;
  secretKey: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

/** An API key is `keyname-serviceId-secretKey`, both ids being UUIDs; null when it is not. */
export function parseNotifyKey(apiKey: string): NotifyKey | null {
  const m = new RegExp(`^.+-(${UUID})-(${UUID})$`, 'i').exec(apiKey.trim());
  return m ? { serviceId: m[1]!, secretKey: m[2]! } : null;
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');

/** The bearer token Notify expects: `iss` is the service id, `iat` the time in seconds. */
export function notifyToken(key: NotifyKey, now: Date): string {
  const header = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));
  const payload = base64url(JSON.stringify({ iss: key.serviceId, iat: Math.floor(now.getTime() / 1000) }));
  const signature = createHmac('sha256', key.secretKey).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/**
 * GOV.UK Notify accepts 3,000 messages a minute (50 a second) per API key. Each instance starts at
 * most this many requests a second, so two instances delivering at full speed stay inside the limit;
 * a refusal for going over (429) is retried like any failure that is not permanent.
 */
export const NOTIFY_MAX_PER_SECOND = 25;

/** Spaces calls out to at most `perSecond`: each waits for its own slot. */
export function rateLimiter(perSecond: number, now: () => number = Date.now) {
  const gap = 1000 / perSecond;
  let next = 0;
  return async (): Promise<void> => {
    const at = now();
    const slot = Math.max(at, next);
    next = slot + gap;
    if (slot > at) await new Promise((resolve) => setTimeout(resolve, slot - at));
  };
}

export interface NotifyOptions {
  apiKey: string;
  templateId: string;
  baseUrl?: string | undefined;
  /** The time for the token's `iat`: Notify refuses tokens more than 30 seconds off its own clock. */
  now?: () => Date;
  /** Requests started a second at most (`NOTIFY_MAX_PER_SECOND`). */
  maxPerSecond?: number;
}

export function notifyTransport(options: NotifyOptions): Transport {
  const key = parseNotifyKey(options.apiKey);
  if (!key) throw new Error('NOTIFY_API_KEY is not a GOV.UK Notify API key');
  const url = `${(options.baseUrl ?? NOTIFY_DEFAULT_BASE_URL).replace(/\/$/, '')}/v2/notifications/email`;
  const now = options.now ?? (() => new Date());
  const waitForSlot = rateLimiter(options.maxPerSecond ?? NOTIFY_MAX_PER_SECOND);
  return {
    name: 'notify',
    async deliver(message: MailMessage) {
      await waitForSlot();
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${notifyToken(key, now())}`,
          'content-type': 'application/json',
          'user-agent': 'section11-audit',
        },
        body: JSON.stringify({
          email_address: message.to,
          template_id: options.templateId,
          personalisation: { subject: message.subject, body: message.text },
        }),
        signal: AbortSignal.timeout(30_000),
      });
      if (response.ok) return;
      const detail = await response.text().catch(() => '');
      const text = `GOV.UK Notify answered ${response.status}: ${detail.slice(0, 500)}`;
      // 400: the request itself is wrong (address, template); sending it again cannot help.
      if (response.status === 400) throw new PermanentDeliveryError(text);
      throw new Error(text);
    },
  };
}
