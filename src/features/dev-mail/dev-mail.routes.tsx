/**
 * The development mailbox: with no mail transport configured, sent mail is kept and shown here.
 * Registered only when `config.devMail` (outside production, with no mail transport).
 */

import { escapeHtml } from '@kitajs/html';
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { outgoingMail } from '../../db/schema.ts';
import { formatDateTime } from '../../lib/dates.ts';
import { notFound } from '../../lib/http-errors.ts';
import { isUuid } from '../../lib/tokens.ts';
import { BackLink } from '../../views/govuk/back-link.tsx';
import { Layout } from '../../views/layout.tsx';
import { acrossPartnerships } from '../../web/partnership-wall.ts';

/** Escapes the text and turns this service's own links into links. */
function linkify(text: string, baseUrl: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<]+/g, (url) =>
    url.startsWith(escapeHtml(baseUrl)) ? `<a class="govuk-link" href="${url}">${url}</a>` : url,
  );
}

export async function devMailRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps.database;
  acrossPartnerships(app, 'the development mailbox: every mail the service sent, outside production');

  app.get('/dev/mail', async (request, reply) => {
    const mail = await db.select().from(outgoingMail).orderBy(desc(outgoingMail.seq)).limit(100);
    return reply.html(
      <Layout title="Development mailbox" {...(await request.chrome(reply))}>
        <h1 class="govuk-heading-l">Development mailbox</h1>
        <p class="govuk-body">
          No mail transport is configured, so emails are kept here instead of being sent. This page does not
          exist in production.
        </p>
        {mail.length === 0 ? (
          <p class="govuk-body">No emails yet.</p>
        ) : (
          <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">Newest first</caption>
            <thead class="govuk-table__head">
              <tr class="govuk-table__row">
                <th scope="col" class="govuk-table__header">
                  To
                </th>
                <th scope="col" class="govuk-table__header">
                  Subject
                </th>
                <th scope="col" class="govuk-table__header">
                  Sent
                </th>
              </tr>
            </thead>
            <tbody class="govuk-table__body">
              {mail.map((m) => (
                <tr class="govuk-table__row">
                  <td class="govuk-table__cell" safe>
                    {m.to}
                  </td>
                  <td class="govuk-table__cell">
                    <a class="govuk-link" href={`/dev/mail/${m.id}`} safe>
                      {m.subject}
                    </a>
                  </td>
                  <td class="govuk-table__cell" safe>
                    {formatDateTime(m.createdAt)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Layout>,
    );
  });

  app.get<{ Params: { id: string } }>('/dev/mail/:id', async (request, reply) => {
    if (!isUuid(request.params.id)) throw notFound('Email');
    const [m] = await db.select().from(outgoingMail).where(eq(outgoingMail.id, request.params.id));
    if (!m) throw notFound('Email');
    const safeBody = linkify(m.bodyText, app.deps.config.baseUrl);
    return reply.html(
      <Layout
        title={m.subject}
        {...(await request.chrome(reply))}
        beforeContent={<BackLink href="/dev/mail" text="All emails" />}
      >
        <h1 class="govuk-heading-l" safe>
          {m.subject}
        </h1>
        <dl class="govuk-summary-list">
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">To</dt>
            <dd class="govuk-summary-list__value" safe>
              {m.to}
            </dd>
          </div>
          <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">Sent</dt>
            <dd class="govuk-summary-list__value" safe>
              {formatDateTime(m.createdAt)}
            </dd>
          </div>
        </dl>
        <div class="app-mail-body">{safeBody}</div>
      </Layout>,
    );
  });
}
