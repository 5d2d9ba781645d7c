/** Making the report final: its figures are kept as they stand, and it can no longer be changed. */
import type { FastifyReply } from 'fastify';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm, textField } from '../../../web/form-route.ts';
import { finaliseReport } from '../findings-report.repository.ts';
import { finaliseFieldId, finaliseSchema } from '../findings-report.ts';
import { FinalisePage } from '../findings-report-forms.view.tsx';
import { type CycleRequest, finalRefusal, type LoadedReport, type ReportRoutes } from './report-context.ts';

export function finaliseRoutes({ app, db, load, assertEditable }: ReportRoutes): void {
  async function finalisePage(
    request: CycleRequest,
    reply: FastifyReply,
    loaded: LoadedReport,
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
}
