/**
 * The findings report of a cycle: read by the partnership's admins and reviewers (a joint partner
 * writes its own, about its own member agencies), edited by its admins while a draft, then made final.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatDateTime } from '../../lib/dates.ts';
import { attachment, downloadName } from '../../lib/downloads.ts';
import { forbidden, HttpError, notFound } from '../../lib/http-errors.ts';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm, listField, textField } from '../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../web/form-version.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { recordConflictPage } from '../../web/record-conflict.ts';
import { requireUser } from '../auth/auth.plugin.ts';
import {
  candidateAnswers,
  ensureReport,
  finaliseReport,
  findReport,
  listQuotes,
  QUOTED_FIELD_LABELS,
  replaceThemeQuotes,
} from './findings-report.repository.ts';
import { REPORT_RECORD, reportRecord, saveReportDraft } from './findings-report.service.ts';
import {
  draftReport,
  type FindingsReport,
  finaliseFieldId,
  finaliseSchema,
  quotesSchema,
  type ReportText,
  reportFieldId,
  reportFieldLabel,
  reportFields,
  reportFormState,
  reportSchema,
} from './findings-report.ts';
import { ReportPage } from './findings-report.view.tsx';
import { FinalisePage, GoodPracticePage, ReportEditPage } from './findings-report-forms.view.tsx';
import { cycleResults } from './results.service.ts';
import { addResultsSheets, newWorkbook } from './results.xlsx.ts';

type CycleRequest = FastifyRequest<{ Params: { cycleId: string }; Querystring: Record<string, unknown> }>;

const finalRefusal = () =>
  new HttpError(409, 'The report is final', 'A final findings report can no longer be changed.', []);

export async function findingsReportRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;

  /** The cycle, the viewer's report (stored, or the first draft) and the figures it shows. */
  async function load(request: CycleRequest) {
    const user = requireUser(request);
    const now = clock.now();
    // The report's comparison is chosen in the report; look it up before the figures.
    const first = await cycleResults(db, user, request.params.cycleId, {}, now);
    const partnershipId = first.cycle.viewerPartnershipId;
    const stored = await findReport(db, partnershipId, first.cycle.id);
    const results =
      stored?.comparedCycleId && stored.status === 'draft'
        ? await cycleResults(db, user, first.cycle.id, { compare: stored.comparedCycleId }, now)
        : first;
    const figures = stored?.status === 'final' && stored.figures ? stored.figures : results.figures;
    const report: FindingsReport = stored ?? {
      id: null,
      status: 'draft',
      ...draftReport(results.cycle, results.figures, now),
      updatedAt: null,
      updatedByName: null,
      finalisedAt: null,
      finalisedByName: null,
      figures: null,
    };
    const partnershipName =
      user.partnerships.find((p) => p.partnershipId === partnershipId)?.partnershipName ??
      results.cycle.partnershipName;
    return {
      ...results,
      user,
      now,
      partnershipId,
      partnershipName,
      report,
      figures,
      canEdit: results.cycle.role === 'partnership_admin',
      quotes: await listQuotes(db, partnershipId, report.id),
    };
  }
  type Loaded = Awaited<ReturnType<typeof load>>;

  /** Only the partnership's admins change its report, and only while it is a draft. */
  function assertEditable(loaded: Loaded): void {
    if (!loaded.canEdit) throw forbidden('Only a partnership admin can change the findings report.');
    if (loaded.report.status === 'final') throw finalRefusal();
  }

  app.get('/cycles/:cycleId/report', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    return reply.html(
      ReportPage({
        chrome: await request.chrome(reply),
        cycle: loaded.cycle,
        partnershipName: loaded.partnershipName,
        report: loaded.report,
        figures: loaded.figures,
        quotes: loaded.quotes,
        canEdit: loaded.canEdit,
        done: (['saved', 'final', 'quotes'] as const).find((d) => d === request.query.done),
      }),
    );
  });

  async function editPage(
    request: CycleRequest,
    reply: FastifyReply,
    loaded: Loaded,
    text: ReportText,
    shown: string,
    errors?: FormErrors,
  ) {
    return ReportEditPage({
      chrome: await request.chrome(reply),
      cycle: loaded.cycle,
      text,
      figures: loaded.figures,
      earlier: loaded.earlier,
      csrfToken: await app.sessions.csrfToken(request, reply),
      shown,
      errors,
    });
  }
  const themeKeys = (loaded: Loaded) => loaded.grades.themes.map((t) => t.key);

  app.get('/cycles/:cycleId/report/edit', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    assertEditable(loaded);
    // A post refused for an ended session comes back with what was typed, and what its form showed.
    const pending = await takePendingForm(app, request, reply);
    const shown = pending
      ? shownOf(pending.body)
      : encodeShown({ [REPORT_RECORD]: shownRecord(reportFields(loaded.report, themeKeys(loaded))) });
    const text = pending ? reportFormState(pending.body, themeKeys(loaded)) : loaded.report;
    return reply.html(await editPage(request, reply, loaded, text, shown));
  });

  app.post('/cycles/:cycleId/report/edit', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    assertEditable(loaded);
    const themes = loaded.grades.themes;
    return handleForm(request, reply, {
      state: (body) => reportFormState(body, themeKeys(loaded)),
      schema: reportSchema(
        themes,
        loaded.earlier.map((c) => c.id),
      ),
      fieldId: reportFieldId,
      invalid: (state, errors, body) => editPage(request, reply, loaded, state, shownOf(body), errors),
      save: async (values, body) => {
        const outcome = await saveReportDraft(
          db,
          { partnershipId: loaded.partnershipId, cycleId: loaded.cycle.id },
          values,
          themeKeys(loaded),
          loaded.user.id,
          loaded.now,
          formVersion(body),
        );
        if ('final' in outcome) throw finalRefusal();
        if ('conflicts' in outcome)
          return recordConflictPage(request, reply, {
            record: reportRecord(loaded.partnershipId, outcome.reportId),
            recordName: `Findings report: ${loaded.cycle.name}`,
            action: `/cycles/${loaded.cycle.id}/report/edit`,
            body,
            conflicts: outcome.conflicts,
            label: (field) => reportFieldLabel(field, themes),
            show: (field, value) => {
              if (field !== 'comparedCycleId') return String(value ?? '');
              const earlier = loaded.earlier.find((c) => c.id === value);
              return earlier ? `Compare with ${earlier.name}` : 'Compare with the most recent earlier audit';
            },
          });
        return `/cycles/${loaded.cycle.id}/report?done=saved`;
      },
    });
  });

  /** The theme chosen in the query string or form, else the first. */
  function themeOf(loaded: Loaded, key: unknown) {
    const themes = loaded.grades.themes;
    return themes.find((t) => t.key === key) ?? themes[0]!;
  }
  const visibleSubmitted = (loaded: Loaded) =>
    new Set(loaded.grades.agencies.filter((a) => a.submitted).map((a) => a.returnId));

  app.get('/cycles/:cycleId/report/good-practice', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    assertEditable(loaded);
    const theme = themeOf(loaded, request.query.theme);
    const candidates = await candidateAnswers(db, loaded.cycle, theme.key, visibleSubmitted(loaded));
    return reply.html(
      GoodPracticePage({
        chrome: await request.chrome(reply),
        cycle: loaded.cycle,
        themes: loaded.grades.themes,
        theme,
        candidates,
        chosen: loaded.quotes.filter((q) => q.themeKey === theme.key).map((q) => `${q.answerId}:${q.field}`),
        csrfToken: await app.sessions.csrfToken(request, reply),
        done: request.query.done === 'saved',
      }),
    );
  });

  app.post('/cycles/:cycleId/report/good-practice', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    assertEditable(loaded);
    return handleForm(request, reply, {
      state: (body) => ({ theme: textField(body, 'theme'), quotes: listField(body, 'quotes') }),
      schema: quotesSchema,
      // The form offers nothing to get wrong: anything else was not made by it.
      invalid: () => {
        throw notFound('Theme');
      },
      save: async (values) => {
        const theme = loaded.grades.themes.find((t) => t.key === values.theme);
        if (!theme) throw notFound('Theme');
        const candidates = await candidateAnswers(db, loaded.cycle, theme.key, visibleSubmitted(loaded));
        const byValue = new Map<
          string,
          { c: (typeof candidates)[number]; t: (typeof candidates)[number]['texts'][number] }
        >(candidates.flatMap((c) => c.texts.map((t) => [`${c.answerId}:${t.field}`, { c, t }] as const)));
        // Anything not offered (another partnership's answer, a forged value) is not found.
        if (values.quotes.some((v) => !byValue.has(v))) throw notFound('Answer');
        const report = await ensureReport(
          db,
          loaded.partnershipId,
          loaded.cycle.id,
          loaded.report,
          loaded.user.id,
          loaded.now,
        );
        if (report.status === 'final') throw finalRefusal();
        await replaceThemeQuotes(
          db,
          loaded.partnershipId,
          report.id,
          theme.key,
          [...new Set(values.quotes)].map((v) => {
            const { c, t } = byValue.get(v)!;
            return {
              answerId: c.answerId,
              field: t.field,
              themeKey: theme.key,
              agencyName: c.agencyName,
              questionText: c.questionText,
              quote: t.text,
            };
          }),
          loaded.user.id,
          loaded.now,
        );
        return `/cycles/${loaded.cycle.id}/report/good-practice?theme=${encodeURIComponent(theme.key)}&done=saved`;
      },
    });
  });

  async function finalisePage(
    request: CycleRequest,
    reply: FastifyReply,
    loaded: Loaded,
    errors?: FormErrors,
  ) {
    return FinalisePage({
      chrome: await request.chrome(reply),
      cycle: loaded.cycle,
      csrfToken: await app.sessions.csrfToken(request, reply),
      errors,
    });
  }

  app.get('/cycles/:cycleId/report/finalise', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    assertEditable(loaded);
    return reply.html(await finalisePage(request, reply, loaded));
  });

  app.post('/cycles/:cycleId/report/finalise', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    assertEditable(loaded);
    return handleForm(request, reply, {
      state: (body) => ({ confirm: textField(body, 'confirm') }),
      schema: finaliseSchema(loaded.report),
      fieldId: finaliseFieldId,
      invalid: (_state, errors) => finalisePage(request, reply, loaded, errors),
      save: async () => {
        const done = await finaliseReport(
          db,
          loaded.partnershipId,
          loaded.cycle.id,
          loaded.figures,
          loaded.user.id,
          loaded.now,
        );
        if (!done) throw finalRefusal();
        return `/cycles/${loaded.cycle.id}/report?done=final`;
      },
    });
  });

  app.get('/cycles/:cycleId/report.pdf', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    // pdfkit and the fonts load at the first PDF, not at start (bench/start.ts).
    const { findingsReportPdf } = await import('./findings-report.pdf.ts');
    const pdf = await findingsReportPdf(
      {
        partnershipName: loaded.partnershipName,
        cycleName: loaded.cycle.name,
        report: loaded.report,
        figures: loaded.figures,
        quotes: loaded.quotes,
      },
      { generatedAt: loaded.now, compress: request.query.compress !== 'no' },
    );
    return reply
      .type('application/pdf')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('findings-report', loaded.cycle.name, 'pdf')))
      .send(pdf);
  });

  app.get('/cycles/:cycleId/report.xlsx', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    const { report, figures } = loaded;
    const book = await newWorkbook(loaded.now);
    addResultsSheets(book, figures, [
      ['Partnership', loaded.partnershipName],
      ['Audit', loaded.cycle.name],
      ['Report', report.status === 'final' ? 'Final' : 'Draft'],
      ['Made final', report.finalisedAt ? formatDateTime(report.finalisedAt) : 'Not yet'],
      ['Grades', 'The moderated grade where recorded, else the agency’s own'],
      ['Produced', formatDateTime(loaded.now)],
    ]);
    const text = book.addWorksheet('Report text');
    text.addRow(['Section', 'Text']).font = { bold: true };
    const sections: Array<[string, string]> = [
      ['Summary', report.summary],
      ['How the audit was run', report.method],
      ['Participation', report.participation],
      ...figures.distribution.map((d): [string, string] => [
        `${d.themeNumber}. ${d.themeTitle}`,
        report.themeFindings[d.themeKey] ?? '',
      ]),
      ['Areas for improvement', report.improvements],
      ['Recommendations', report.recommendations],
    ];
    // String cells are text in XLSX, never formulas: no apostrophe (that is for CSV only).
    for (const [k, v] of sections) text.addRow([k, v]);
    text.getColumn(1).width = 36;
    text.getColumn(2).width = 100;
    const quotes = book.addWorksheet('Good practice');
    quotes.addRow(['Theme', 'Agency', 'Question', 'From', 'Quote']).font = { bold: true };
    for (const q of loaded.quotes)
      quotes.addRow([q.themeKey, q.agencyName, q.questionText, QUOTED_FIELD_LABELS[q.field], q.quote]);
    return reply
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('cache-control', 'no-store')
      .header('content-disposition', attachment(downloadName('findings-report', loaded.cycle.name, 'xlsx')))
      .send(Buffer.from(await book.xlsx.writeBuffer()));
  });
}
