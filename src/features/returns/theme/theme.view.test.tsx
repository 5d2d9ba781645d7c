import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toHtml } from '../../../views/render.ts';
import { questionInfo } from '../question-fixtures.ts';
import type { ThemeInfo } from '../return-structure.ts';
import { stateFromSaved } from './theme.form.ts';
import { ThemePage } from './theme.view.tsx';
import { ThemeFields } from './theme-fields.view.tsx';

const theme: ThemeInfo = {
  id: 't1',
  key: 'leadership',
  number: 1,
  title: 'Leadership and accountability',
  description: 'How the organisation leads safeguarding.',
  guidance: '',
  gradeDescriptors: { red: 'Not in place', amber: 'Partly in place', green: 'In place' },
  localityIds: [],
  sectors: [],
  questions: Array.from({ length: 15 }, (_, i) =>
    questionInfo(i + 1, 'graded', {
      text: `Statement ${i + 1}: the organisation’s arrangements for this part of safeguarding.`,
      guidance: 'What a good answer looks like, and the evidence that would show it.',
      evidencePrompt: 'Policy, minutes, audit report',
    }),
  ),
};

describe('the theme page', () => {
  it('is sent a question a part: the whole page is over 100 KB, no part of it over 16,000 characters', () => {
    const state = stateFromSaved(theme, new Map(), undefined);
    const page = ThemePage({
      chrome: { userName: 'Sam Lead', csrfToken: 'token' },
      csrfToken: 'token',
      returnId: 'r1',
      agencyName: 'Northshire Council',
      cycleName: 'Audit 2026',
      theme,
      themeCount: 8,
      state,
      shown: 'shown',
    });
    const whole = String(page);
    assert.ok(whole.length > 100_000, `${whole.length} characters`);
    for (const part of page.parts) assert.ok(part.length <= 16_000, `a part of ${part.length} characters`);
    // The questions are the theme's fields, in order, as the preview shows them.
    assert.ok(whole.includes(toHtml(ThemeFields({ theme, state }))));
    assert.ok(whole.indexOf('id="question-15"') > whole.indexOf('id="question-1"'));
  });
});
