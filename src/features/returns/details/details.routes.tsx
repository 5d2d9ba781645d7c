/** The return's details: who is completing it. Only the agency lead gives them. */
import { handleForm } from '../../../web/form-route.ts';
import { encodeShown, fingerprint, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import type { ReturnParams } from '../../../web/return-context.ts';
import { assertEditable, assertNotContributor, editRefusal } from '../return-access.ts';
import { DETAILS_RECORD, detailsOf, saveDetails } from '../return-editing.service.ts';
import { isPartnershipStaff } from '../return-presenters.ts';
import type { ReturnRoutes } from '../return-routes.ts';
import type { ReturnContext } from '../returns.repository.ts';
import { detailsSchema, detailsState } from './details.form.ts';
import { DetailsPage } from './details.view.tsx';

const assertMayGiveDetails = (ctx: ReturnContext) =>
  assertNotContributor(
    ctx,
    'Only your agency lead can give these details',
    'Your agency lead gives the details of the person completing the return. You can answer the themes assigned to you.',
  );

export function detailsRoutes({
  app,
  db,
  clock,
  loadContext,
  structureFor,
  conflictPage,
}: ReturnRoutes): void {
  app.get<ReturnParams>('/returns/:returnId/details', async (request, reply) => {
    const ctx = await loadContext(request);
    assertMayGiveDetails(ctx);
    // Nothing can be saved before the audit opens: the task list says when it does.
    if (editRefusal(ctx, clock.now()) === 'not-open') return reply.redirect(`/returns/${ctx.id}`, 303);
    // Staff read the details and are shown no form: a kept form stays for whoever can send it.
    const pending = isPartnershipStaff(ctx) ? null : await takePendingForm(app, request, reply);
    const user = request.user!;
    const saved = detailsOf(ctx);
    const state = pending
      ? detailsState(pending.body)
      : {
          ...saved,
          // A first visit proposes the signed-in person.
          completerName: saved.completerName || user.name,
          completerEmail: saved.completerEmail || user.email,
        };
    return reply.html(
      DetailsPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        ctx,
        state,
        // What it showed, for the conflict rule: the saved details (a kept form keeps its own).
        shown: pending ? shownOf(pending.body) : encodeShown({ [DETAILS_RECORD]: shownRecord(saved) }),
      }),
    );
  });

  app.post<ReturnParams>('/returns/:returnId/details', async (request, reply) => {
    const ctx = await loadContext(request);
    assertMayGiveDetails(ctx);
    assertEditable(ctx, clock.now());
    return handleForm(request, reply, {
      state: detailsState,
      schema: detailsSchema,
      invalid: async (state, errors, body) =>
        DetailsPage({
          chrome: await request.chrome(reply),
          csrfToken: await app.sessions.csrfToken(request, reply),
          ctx,
          state,
          shown: shownOf(body),
          errors,
        }),
      save: async (values, body) => {
        const result = await saveDetails(db, ctx, values, request.user!.id, clock.now(), formVersion(body));
        if (result.conflicts.length > 0)
          return conflictPage(request, reply, ctx, {
            recordName: 'Your details',
            action: `/returns/${ctx.id}/details`,
            body,
            conflicts: result.conflicts.map((c) => ({
              ...c,
              mine: String(c.mine),
              theirs: String(c.theirs),
              historyField: c.label,
              fingerprintTheirs: fingerprint(c.theirs),
            })),
          });
        const { themes } = await structureFor(ctx);
        return themes[0] ? `/returns/${ctx.id}/themes/${themes[0].id}` : `/returns/${ctx.id}`;
      },
    });
  });
}
