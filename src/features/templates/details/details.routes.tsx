/** The draft's details and grade descriptors: shown, and saved under the conflict rule (issue 10). */
import type { FastifyInstance } from 'fastify';
import { handleForm } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { draftConflictPage } from '../authoring/conflicts.ts';
import { DETAILS_RECORD, detailsRecord, saveDraftDetails } from '../authoring/draft-editing.service.ts';
import { type DraftParams, draftPages } from '../authoring/draft-pages.ts';
import { editBase } from '../authoring/paths.ts';
import { versionBase } from '../templates.view.tsx';
import { detailsOf, detailsSchema, detailsState } from './details.form.ts';
import { DetailsFormPage } from './details.view.tsx';

export function detailsRoutes(app: FastifyInstance): void {
  const pages = draftPages(app);
  const path = '/partnerships/:partnershipId/templates/versions/:versionId/details';

  app.get<DraftParams>(path, async (request, reply) => {
    const partnership = pages.admin(request);
    const draft = await pages.draftToShow(request, partnership);
    const pending = await takePendingForm(app, request, reply);
    return reply.html(
      DetailsFormPage({
        ...(await pages.page(request, reply)),
        partnership,
        draft,
        state: pending ? detailsState(pending.body) : detailsOf(draft),
        // What it showed, for the conflict rule (a kept form keeps its own).
        shown: pending
          ? shownOf(pending.body)
          : encodeShown({ [DETAILS_RECORD]: shownRecord(detailsRecord(draft)) }),
      }),
    );
  });

  app.post<DraftParams>(path, async (request, reply) => {
    const partnership = pages.admin(request);
    const draft = await pages.draftToShow(request, partnership);
    return handleForm(request, reply, {
      state: detailsState,
      schema: detailsSchema(draft.otherVersions === 0),
      invalid: async (state, errors, body) =>
        DetailsFormPage({
          ...(await pages.page(request, reply)),
          partnership,
          draft,
          state,
          shown: shownOf(body),
          errors,
        }),
      save: async (values, body) => {
        const outcome = await saveDraftDetails(
          pages.db,
          partnership.id,
          draft.id,
          values,
          request.user!.id,
          pages.clock.now(),
          formVersion(body),
        );
        if ('conflicts' in outcome)
          return draftConflictPage(pages, request, reply, {
            partnershipId: partnership.id,
            versionId: draft.id,
            recordName: `${draft.templateName}, version ${draft.version}: details and grades`,
            action: `${versionBase(partnership.id, draft.id)}/details`,
            body,
            conflicts: outcome.conflicts,
          });
        if ('errors' in outcome) return outcome;
        return `${editBase(partnership.id, draft.id)}?done=saved`;
      },
    });
  });
}
