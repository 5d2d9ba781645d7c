/** The theme a request names, among the themes that apply to the agency, with its neighbours. */
import type { FastifyRequest } from 'fastify';
import { notFound } from '../../../lib/http-errors.ts';
import { isUuid } from '../../../lib/tokens.ts';
import type { ReturnRoutes } from '../return-routes.ts';

export type ThemeParams = { Params: { returnId: string; themeId: string } };

/** The return and theme a request names (404 when the theme is not one of the agency's). */
export async function loadTheme(
  { loadContext, structureFor }: ReturnRoutes,
  request: FastifyRequest<ThemeParams>,
) {
  const ctx = await loadContext(request);
  if (!isUuid(request.params.themeId)) throw notFound('Theme');
  const { structure, themes } = await structureFor(ctx);
  const index = themes.findIndex((t) => t.id === request.params.themeId);
  if (index < 0) throw notFound('Theme');
  return {
    ctx,
    structure,
    themes,
    theme: themes[index]!,
    previous: themes[index - 1] ?? null,
    next: themes[index + 1] ?? null,
  };
}

export type LoadedTheme = Awaited<ReturnType<typeof loadTheme>>;
