/** The partnership's monitoring of a cycle: the status page and its downloads. */

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { findPartnershipCycle } from '../../domain/cycle-access.repository.ts';
import { assertManagesCycle, managesCycle } from '../../domain/cycle-access.ts';
import { attachment, downloadName } from '../../lib/downloads.ts';
import { notFound } from '../../lib/http-errors.ts';
import { requestedPage } from '../../lib/paging.ts';
import { isUuid } from '../../lib/tokens.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import { monitoringCsv, monitoringWorkbook } from './monitoring.exports.ts';
import { loadMonitoringRows } from './monitoring.repository.ts';
import { parseMonitoringQuery } from './monitoring.ts';
import { MonitoringPage } from './monitoring.view.tsx';
import {
  loadMonitoringPage,
  monitoringReturnIds,
  monitoringRowsInOrder,
} from './monitoring-page.repository.ts';
import { queryString } from './monitoring-table.view.tsx';
import { remindersSchema, remindersState } from './reminders.form.ts';
import { type NotReminded, notRemindable, sendReminders } from './reminders.ts';

/** Agencies a page of the monitoring table shows; the totals above it count every one. */
const MONITORING_PAGE_SIZE = 100;

type CycleRequest = FastifyRequest<{ Params: { cycleId: string }; Querystring: Record<string, unknown> }>;

export async function monitoringRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock, mailer, config } = app.deps;
  const db = database.db;

  /** The cycle and the table's query, if the person is an admin or reviewer of its partnership. */
  async function load(request: CycleRequest) {
    const user = requireUser(request);
    if (!isUuid(request.params.cycleId)) throw notFound('Audit cycle');
    const cycle = await findPartnershipCycle(db, user, request.params.cycleId);
    if (!cycle) throw notFound('Audit cycle');
    return { cycle, query: parseMonitoringQuery(request.query ?? {}), now: clock.now() };
  }

  /** Every row the filters keep, in the table's order: the downloads hold the whole table. */
  async function filteredRows({ cycle, query, now }: Awaited<ReturnType<typeof load>>) {
    const ids = await monitoringReturnIds(db, cycle, now, query);
    return monitoringRowsInOrder(db, cycle, now, ids, true);
  }

  /** The agencies ticked for a reminder that it did not go to (named in the address), and why. */
  async function skippedRows({ cycle, now }: Awaited<ReturnType<typeof load>>, skipped: unknown) {
    const ids = String(skipped ?? '')
      .split(',')
      .filter(isUuid)
      .slice(0, MONITORING_PAGE_SIZE);
    return notRemindable(await loadMonitoringRows(db, cycle, now, ids), ids);
  }

  async function page(
    request: CycleRequest,
    reply: FastifyReply,
    loaded: Awaited<ReturnType<typeof load>>,
    extra: {
      done?: 'deadline' | 'extension' | 'created' | 'reminded' | 'reminder-schedule' | 'changed' | 'added';
      reminded?: number;
      notReminded?: NotReminded[];
      chosen?: string[];
      errors?: FormErrors;
    },
  ) {
    const { cycle, query, now } = loaded;
    // The page of rows, its filters, sort and paging worked out in SQL; the totals are the whole audit's.
    const shown = await loadMonitoringPage(
      db,
      cycle,
      now,
      query,
      requestedPage(request.query?.page),
      MONITORING_PAGE_SIZE,
    );
    return MonitoringPage({
      chrome: await request.chrome(reply),
      cycle,
      rows: shown.rows,
      counts: shown.counts,
      query,
      sectors: shown.sectors,
      now,
      canManage: managesCycle(cycle),
      csrfToken: await app.sessions.csrfToken(request, reply),
      ...extra,
    });
  }

  app.get('/cycles/:cycleId', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    // A reminder form kept when the session ended comes back with its agencies ticked.
    const pending = await takePendingForm(app, request, reply);
    return reply.html(
      await page(request, reply, loaded, {
        done: (
          ['deadline', 'extension', 'created', 'reminded', 'reminder-schedule', 'changed', 'added'] as const
        ).find((d) => d === request.query.done),
        reminded: Number.parseInt(String(request.query.n ?? ''), 10) || 0,
        ...(request.query.done === 'reminded'
          ? { notReminded: await skippedRows(loaded, request.query.skipped) }
          : {}),
        ...(pending ? { chosen: remindersState(pending.body).returnIds } : {}),
      }),
    );
  });

  app.post('/cycles/:cycleId/reminders', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    const { cycle, now } = loaded;
    assertManagesCycle(cycle, 'Only a partnership admin can send reminders.');
    const all = await loadMonitoringRows(db, cycle, now);
    return handleForm(request, reply, {
      state: remindersState,
      schema: remindersSchema(all),
      // The error links to the first agency's box.
      fieldId: () => 'remind-1',
      invalid: (state, errors) =>
        page(request, reply, loaded, {
          notReminded: notRemindable(all, state.returnIds),
          chosen: state.returnIds,
          errors,
        }),
      save: async ({ targets, skipped }) => {
        const sent = await sendReminders(
          { db, mailer, baseUrl: config.baseUrl },
          cycle,
          targets,
          request.user!.id,
          now,
        );
        // The confirmation names the ticked agencies that could not be reminded, and why.
        const skippedIds = skipped.map((r) => r.returnId).join(',');
        // Back to the page, filters and sort the form was sent from.
        const shown = queryString(loaded.query, {}, requestedPage(request.query?.page)).slice(1);
        return `/cycles/${cycle.id}?${shown ? `${shown}&` : ''}done=reminded&n=${sent}${skippedIds ? `&skipped=${skippedIds}` : ''}`;
      },
    });
  });

  app.get('/cycles/:cycleId/returns.csv', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    const { cycle } = loaded;
    const rows = await filteredRows(loaded);
    return reply
      .type('text/csv; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('returns', cycle.name, 'csv')))
      .send(monitoringCsv(rows));
  });

  app.get('/cycles/:cycleId/returns.xlsx', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    const { cycle, now } = loaded;
    const rows = await filteredRows(loaded);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('returns', cycle.name, 'xlsx')))
      .send(await monitoringWorkbook(cycle, rows, now));
  });
}
