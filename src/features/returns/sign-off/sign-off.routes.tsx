/** The senior officer's sign-off: the agency lead records it; others read it. */
import { dateToParts, formatDate, londonDate } from '../../../lib/dates.ts';
import { handleForm } from '../../../web/form-route.ts';
import { encodeShown, fingerprint, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import type { ReturnParams } from '../../../web/return-context.ts';
import { assertAgencyLead, assertEditable, assertNotContributor, editRefusal } from '../return-access.ts';
import { recordSignoff, SIGNOFF_RECORD, signoffOf } from '../return-editing.service.ts';
import type { ReturnRoutes } from '../return-routes.ts';
import { signoffFieldId, signoffSchema, signoffState } from './sign-off.form.ts';
import { SignoffPage } from './sign-off.view.tsx';

export function signOffRoutes({ app, db, clock, loadContext, conflictPage }: ReturnRoutes): void {
  app.get<ReturnParams>('/returns/:returnId/sign-off', async (request, reply) => {
    const ctx = await loadContext(request);
    // Who signed it off, and their details, are the agency lead's and the partnership's to see.
    assertNotContributor(
      ctx,
      'Only your agency lead can have the return signed off',
      'Your agency lead records the senior officer’s sign-off. You can answer the themes assigned to you.',
    );
    const pending = await takePendingForm(app, request, reply);
    return reply.html(
      SignoffPage({
        chrome: await request.chrome(reply),
        csrfToken: await app.sessions.csrfToken(request, reply),
        ctx,
        editable: editRefusal(ctx, clock.now()) === null && ctx.access === 'agency_lead',
        shown: pending
          ? shownOf(pending.body)
          : encodeShown({ [SIGNOFF_RECORD]: shownRecord(signoffOf(ctx)) }),
        state: pending
          ? signoffState(pending.body)
          : {
              signoffName: ctx.signoffName ?? '',
              signoffJobTitle: ctx.signoffJobTitle ?? '',
              signoffDate: dateToParts(ctx.signoffDate),
              confirm: ctx.signoffConfirmedAt !== null,
            },
      }),
    );
  });

  app.post<ReturnParams>('/returns/:returnId/sign-off', async (request, reply) => {
    const ctx = await loadContext(request);
    const now = clock.now();
    assertAgencyLead(ctx);
    assertEditable(ctx, now);
    return handleForm(request, reply, {
      state: signoffState,
      schema: signoffSchema(londonDate(now)),
      fieldId: signoffFieldId,
      invalid: async (state, errors, body) =>
        SignoffPage({
          chrome: await request.chrome(reply),
          csrfToken: await app.sessions.csrfToken(request, reply),
          ctx,
          editable: true,
          state,
          shown: shownOf(body),
          errors,
        }),
      save: async (values, body) => {
        const { signoffName, signoffJobTitle, signoffDate } = values;
        const result = await recordSignoff(
          db,
          ctx,
          { signoffName, signoffJobTitle, signoffDate },
          request.user!.id,
          now,
          formVersion(body),
        );
        if (result.conflicts.length > 0)
          return conflictPage(request, reply, ctx, {
            recordName: 'Sign-off',
            action: `/returns/${ctx.id}/sign-off`,
            body,
            conflicts: result.conflicts.map((c) => ({
              ...c,
              mine: c.field === 'signoffDate' ? formatDate(String(c.mine)) : String(c.mine),
              theirs: c.field === 'signoffDate' ? formatDate(String(c.theirs)) : String(c.theirs),
              fingerprintTheirs: fingerprint(c.theirs),
              historyField: 'Sign-off',
            })),
          });
        return `/returns/${ctx.id}/check`;
      },
    });
  });
}
