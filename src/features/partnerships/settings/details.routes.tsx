/** The partnership's details: its name, short name, contact email and introduction. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type FormErrors, oneError } from '../../../views/form-errors.ts';
import { handleForm } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { recordConflictPage } from '../../../web/record-conflict.ts';
import { type DetailsState, detailsSchema, detailsState } from '../partnership-form.ts';
import {
  DETAILS_LABELS,
  DETAILS_RECORD,
  detailsRecord,
  type SaveDetailsOutcome,
  savePartnershipDetails,
} from '../partnership-settings.service.ts';
import { isUniqueViolation } from '../partnerships.repository.ts';
import { DetailsPage, settingsPath } from '../settings.view.tsx';
import type { SettingsParams, SettingsRoutes } from './settings-context.ts';

const shortNameTakenErrors = () =>
  oneError('shortName', 'Another partnership already uses this short name. Choose another.');

export function detailsRoutes({ app, db, clock, admin, details }: SettingsRoutes): void {
  async function detailsPage(
    request: FastifyRequest,
    reply: FastifyReply,
    partnership: { id: string; name: string },
    state: DetailsState,
    shown: string,
    errors?: FormErrors,
  ) {
    return DetailsPage({
      chrome: await request.chrome(reply),
      csrfToken: await app.sessions.csrfToken(request, reply),
      partnership,
      state,
      shown,
      errors,
    });
  }

  app.get<SettingsParams>('/partnerships/:partnershipId/settings/details', async (request, reply) => {
    const partnership = admin(request);
    // A form kept when the session ended keeps what it was shown: the conflict rule compares with that.
    const pending = await takePendingForm(app, request, reply);
    const found = await details(partnership);
    const saved: DetailsState = {
      name: found.name,
      shortName: found.shortName,
      contactEmail: found.contactEmail,
      introduction: found.introduction,
    };
    const shown = pending ? shownOf(pending.body) : encodeShown({ [DETAILS_RECORD]: shownRecord(saved) });
    return reply.html(
      await detailsPage(request, reply, found, pending ? detailsState(pending.body) : saved, shown),
    );
  });

  app.post<SettingsParams>('/partnerships/:partnershipId/settings/details', async (request, reply) => {
    const partnership = admin(request);
    const found = await details(partnership);
    return handleForm(request, reply, {
      state: detailsState,
      schema: detailsSchema,
      invalid: (state, errors, body) => detailsPage(request, reply, found, state, shownOf(body), errors),
      save: async (values, body) => {
        let outcome: SaveDetailsOutcome;
        try {
          outcome = await savePartnershipDetails(
            db,
            partnership.id,
            values,
            request.user!.id,
            clock.now(),
            formVersion(body),
          );
        } catch (error) {
          // Taken by another partnership at the same moment.
          if (!isUniqueViolation(error)) throw error;
          return { errors: shortNameTakenErrors() };
        }
        if ('shortNameTaken' in outcome) return { errors: shortNameTakenErrors() };
        if ('conflicts' in outcome)
          return recordConflictPage(request, reply, {
            record: detailsRecord(partnership.id),
            recordName: 'The partnership’s details',
            action: `${settingsPath(partnership.id)}/details`,
            body,
            conflicts: outcome.conflicts,
            label: (field) => DETAILS_LABELS[field as keyof typeof DETAILS_LABELS] ?? field,
          });
        return `${settingsPath(partnership.id)}?done=details`;
      },
    });
  });
}
