/** Good practice: the admins choose answers to quote in the report, theme by theme. */
import { notFound } from '../../../lib/http-errors.ts';
import { handleForm, listField, textField } from '../../../web/form-route.ts';
import { candidateAnswers } from '../findings-report.repository.ts';
import { saveThemeQuotes } from '../findings-report.service.ts';
import { quotesSchema } from '../findings-report.ts';
import { GoodPracticePage } from '../findings-report-forms.view.tsx';
import { type CycleRequest, finalRefusal, type LoadedReport, type ReportRoutes } from './report-context.ts';

/** The theme chosen in the query string or form, else the first. */
function themeOf(loaded: LoadedReport, key: unknown) {
  const themes = loaded.grades.themes;
  return themes.find((t) => t.key === key) ?? themes[0]!;
}

/** The submitted returns the viewer sees: only their answers may be quoted. */
const visibleSubmitted = (loaded: LoadedReport) =>
  new Set(loaded.grades.agencies.filter((a) => a.submitted).map((a) => a.returnId));

export function goodPracticeRoutes({ app, db, load, assertEditable }: ReportRoutes): void {
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
        const outcome = await saveThemeQuotes(db, loaded, theme.key, candidates, values.quotes);
        // Anything not offered (another partnership's answer, a forged value) is not found.
        if (outcome === 'not-offered') throw notFound('Answer');
        if (outcome === 'final') throw finalRefusal();
        return `/cycles/${loaded.cycle.id}/report/good-practice?theme=${encodeURIComponent(theme.key)}&done=saved`;
      },
    });
  });
}
