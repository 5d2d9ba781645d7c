/** The report's text, edited by the partnership's admins while it is a draft (the conflict rule applies). */
import type { FastifyReply } from 'fastify';
import type { FormErrors } from '../../../views/form-errors.ts';
import { formBody, handleForm } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { recordConflictPage } from '../../../web/record-conflict.ts';
import { findReport } from '../findings-report.repository.ts';
import { REPORT_RECORD, reportRecord, saveReportDraft } from '../findings-report.service.ts';
import {
  type ReportText,
  reportFieldId,
  reportFieldLabel,
  reportFields,
  reportFormState,
  reportSchema,
} from '../findings-report.ts';
import { ReportEditPage, ReportMadeFinalPage } from '../findings-report-forms.view.tsx';
import { type CycleRequest, type LoadedReport, type ReportRoutes, themeKeys } from './report-context.ts';

export function editRoutes({ app, db, load, assertAdmin, assertEditable }: ReportRoutes): void {
  async function editPage(
    request: CycleRequest,
    reply: FastifyReply,
    loaded: LoadedReport,
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

  /** The 409 page for a save that came after the report was made final, with what was typed. */
  async function madeFinalPage(
    request: CycleRequest,
    reply: FastifyReply,
    loaded: LoadedReport,
    typed: ReportText,
  ) {
    // Made final before or during this save: read who did it, and when.
    const report =
      loaded.report.status === 'final'
        ? loaded.report
        : await findReport(db, loaded.partnershipId, loaded.cycle.id);
    const themes = loaded.grades.themes;
    const fields = reportFields(typed, themeKeys(loaded));
    const page = ReportMadeFinalPage({
      chrome: await request.chrome(reply),
      cycle: loaded.cycle,
      finalisedByName: report?.finalisedByName ?? null,
      finalisedAt: report?.finalisedAt ?? null,
      typed: Object.entries(fields)
        .filter(([field, text]) => field !== 'comparedCycleId' && text.trim() !== '')
        .map(([field, text]) => ({ label: reportFieldLabel(field, themes), text })),
    });
    return { page, status: 409 };
  }

  app.post('/cycles/:cycleId/report/edit', async (request: CycleRequest, reply) => {
    const loaded = await load(request);
    assertAdmin(loaded);
    // A report made final since the page was opened: nothing to check or save, what was typed kept.
    if (loaded.report.status === 'final') {
      const typed = reportFormState(formBody(request), themeKeys(loaded));
      const { page, status } = await madeFinalPage(request, reply, loaded, typed);
      return reply.html(page, status);
    }
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
        if ('final' in outcome)
          return madeFinalPage(request, reply, loaded, reportFormState(body, themeKeys(loaded)));
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
}
