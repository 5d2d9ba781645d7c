/**
 * Adding a theme to a draft and changing one: the form, refused with 422 keeping what was typed,
 * and a change saved under the conflict rule (issue 10).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { AGENCY_SECTORS } from '../../../db/schema.ts';
import type { FormErrors } from '../../../views/form-errors.ts';
import { handleForm, textField } from '../../../web/form-route.ts';
import { encodeShown, formVersion, shownOf, shownRecord } from '../../../web/form-version.ts';
import { takePendingForm } from '../../../web/pending-form.ts';
import { SECTOR_LABELS } from '../../agencies/sectors.ts';
import type { PartnershipAccess } from '../../partnerships/partnership-access.ts';
import { listLocalities } from '../../partnerships/partnerships.repository.ts';
import { draftConflictPage } from '../authoring/conflicts.ts';
import { saveDraftTheme, themeIn, themeRecord } from '../authoring/draft-editing.service.ts';
import { type DraftParams, type DraftRequest, draftPages } from '../authoring/draft-pages.ts';
import { themeBase } from '../authoring/paths.ts';
import type { DraftTheme, EditableVersion } from '../draft-editing.repository.ts';
import {
  emptyThemeState,
  stateFromTheme,
  type ThemeState,
  themeFieldId,
  themeSchema,
  themeState,
} from './theme.form.ts';
import { ThemeFormPage } from './theme.view.tsx';

type Localities = Awaited<ReturnType<typeof listLocalities>>;

export function themeFormRoutes(app: FastifyInstance): void {
  const pages = draftPages(app);
  const { db, clock } = pages;

  async function form(
    request: DraftRequest,
    reply: FastifyReply,
    m: {
      partnership: PartnershipAccess;
      draft: EditableVersion;
      theme: DraftTheme | null;
      state: ThemeState;
      shown?: string;
      errors?: FormErrors;
    },
    /** The partnership's localities, when listed already. */
    listed?: Localities,
  ) {
    const all = listed ?? (await listLocalities(db, m.partnership.id));
    // Retired localities are offered only where the theme already has them.
    const localities = all
      .filter(
        (l) => !l.retiredAt || m.state.localityIds.includes(l.id) || m.theme?.localityIds.includes(l.id),
      )
      .map((l) => ({ id: l.id, name: l.retiredAt ? `${l.name} (retired)` : l.name }));
    return ThemeFormPage({
      ...(await pages.page(request, reply)),
      ...m,
      localities,
      sectors: AGENCY_SECTORS.map((s) => ({ value: s, text: SECTOR_LABELS[s] })),
    });
  }

  async function show(request: DraftRequest, reply: FastifyReply, existing: boolean) {
    const partnership = pages.admin(request);
    const draft = await pages.draftToShow(request, partnership);
    const theme = existing ? themeIn(draft, request.params.themeId).theme : null;
    const pending = await takePendingForm(app, request, reply);
    const state = pending ? themeState(pending.body) : theme ? stateFromTheme(theme) : emptyThemeState();
    const shown = pending
      ? shownOf(pending.body)
      : theme
        ? encodeShown({ [theme.id]: shownRecord(themeRecord(theme)) })
        : undefined;
    return reply.html(
      await form(request, reply, { partnership, draft, theme, state, ...(shown ? { shown } : {}) }),
    );
  }

  async function save(request: DraftRequest, reply: FastifyReply, existing: boolean) {
    const partnership = pages.admin(request);
    const draft = await pages.draftToShow(request, partnership);
    const theme = existing ? themeIn(draft, request.params.themeId).theme : null;
    const localities = await listLocalities(db, partnership.id);
    return handleForm(request, reply, {
      state: themeState,
      schema: themeSchema({
        takenKeys: new Set(draft.themes.filter((t) => t.id !== theme?.id).map((t) => t.key)),
        localityIds: new Set(localities.map((l) => l.id)),
        sectors: new Set<string>(AGENCY_SECTORS),
      }),
      fieldId: themeFieldId,
      invalid: (state, errors, body) =>
        form(request, reply, { partnership, draft, theme, state, shown: shownOf(body), errors }, localities),
      save: async (values, body) => {
        const outcome = await saveDraftTheme(
          db,
          partnership.id,
          draft.id,
          theme?.id,
          values,
          request.user!.id,
          clock.now(),
          {
            ...formVersion(body),
            keyMade: textField(body, 'key').trim() === '',
          },
          localities,
        );
        if ('conflicts' in outcome)
          return draftConflictPage(pages, request, reply, {
            partnershipId: partnership.id,
            versionId: draft.id,
            recordName: theme!.title,
            action: `${themeBase(partnership.id, draft.id, theme!.id)}/edit`,
            body,
            conflicts: outcome.conflicts,
          });
        if ('errors' in outcome) return outcome;
        const done = theme ? 'saved' : 'theme-added';
        return `${themeBase(partnership.id, draft.id, outcome.saved.themeId)}?done=${done}`;
      },
    });
  }

  const version = '/partnerships/:partnershipId/templates/versions/:versionId';
  app.get<DraftParams>(`${version}/themes/new`, (request, reply) => show(request, reply, false));
  app.post<DraftParams>(`${version}/themes/new`, (request, reply) => save(request, reply, false));
  app.get<DraftParams>(`${version}/themes/:themeId/edit`, (request, reply) => show(request, reply, true));
  app.post<DraftParams>(`${version}/themes/:themeId/edit`, (request, reply) => save(request, reply, true));
}
