/** Writing a partnership's guidance or FAQ page: its admins only, with a preview before saving. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { FormErrors } from '../../views/form-errors.ts';
import { handleForm } from '../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../web/form-version.ts';
import { takePendingForm } from '../../web/pending-form.ts';
import { recordConflictPage } from '../../web/record-conflict.ts';
import { partnershipAccess } from '../partnerships/partnership-access.ts';
import { PAGE_TITLES, type PageKind, PartnershipPageForm, type PartnershipRef } from './guidance.view.tsx';
import { pageFormSchema, pageFormState } from './guidance-form.ts';
import { findPage } from './partnership-pages.repository.ts';
import { PAGE_RECORD, pageRecord, savePageText } from './partnership-pages.service.ts';

type Params = { Params: { partnershipId: string } };

const refusal = 'Only a partnership admin can change its guidance and frequently asked questions.';

export async function pageEditRoutes(app: FastifyInstance): Promise<void> {
  const { database, clock } = app.deps;
  const db = database.db;

  async function formPage(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: PartnershipRef,
    kind: PageKind,
    body: string,
    shown: string,
    options: { preview?: boolean; errors?: FormErrors } = {},
  ) {
    return PartnershipPageForm({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      kind,
      body,
      shown,
      preview: options.preview ?? false,
      errors: options.errors,
    });
  }

  for (const kind of ['guidance', 'faq'] as const) {
    const path = `/partnerships/:partnershipId/${kind}`;

    app.get<Params>(`${path}/edit`, async (request, reply) => {
      const partnership = partnershipAccess(request, true, refusal);
      // A form kept when the session ended keeps what it was shown: the conflict rule compares with that.
      const pending = await takePendingForm(app, request, reply);
      const saved = (await findPage(db, partnership.id, kind)).body;
      return reply.html(
        await formPage(
          request,
          reply,
          partnership,
          kind,
          pending ? pageFormState(pending.body).body : saved,
          pending ? shownOf(pending.body) : encodeShown({ [PAGE_RECORD]: shownRecord({ body: saved }) }),
        ),
      );
    });

    app.post<Params>(`${path}/edit`, async (request, reply) => {
      const partnership = partnershipAccess(request, true, refusal);
      return handleForm(request, reply, {
        state: pageFormState,
        schema: pageFormSchema,
        invalid: (state, errors, body) =>
          formPage(request, reply, partnership, kind, state.body, shownOf(body), { errors }),
        save: async (values, body) => {
          // A preview saves nothing: the page is shown again with what was typed, and what it showed.
          if (values.action === 'preview')
            return {
              page: await formPage(request, reply, partnership, kind, values.body, shownOf(body), {
                preview: true,
              }),
              status: 200,
            };
          const { conflicts } = await savePageText(
            db,
            partnership.id,
            kind,
            { body: values.body },
            request.user!.id,
            clock.now(),
            formVersion(body),
          );
          if (conflicts.length > 0)
            return recordConflictPage(request, reply, {
              record: pageRecord(partnership.id, kind),
              recordName: `${PAGE_TITLES[kind]}: ${partnership.name}`,
              action: `/partnerships/${partnership.id}/${kind}/edit`,
              body,
              conflicts,
              label: () =>
                `The text of the ${kind === 'guidance' ? 'guidance' : 'frequently asked questions'}`,
            });
          return `/partnerships/${partnership.id}/${kind}?done=saved`;
        },
      });
    });
  }
}
