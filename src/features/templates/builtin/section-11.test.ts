import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { section11Template } from './section-11.ts';

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('the built-in Section 11 template', () => {
  const questions = section11Template.themes.flatMap((t) => t.questions);

  it('has eight to eleven themes of five to twelve questions each', () => {
    const themes = section11Template.themes;
    assert.ok(themes.length >= 8 && themes.length <= 11, `${themes.length} themes`);
    for (const theme of themes)
      assert.ok(
        theme.questions.length >= 5 && theme.questions.length <= 12,
        `${theme.title}: ${theme.questions.length}`,
      );
  });

  it('uses unique, stable keys for themes and questions', () => {
    const themeKeys = section11Template.themes.map((t) => t.key);
    const questionKeys = questions.map((q) => q.key);
    assert.equal(new Set(themeKeys).size, themeKeys.length);
    assert.equal(new Set(questionKeys).size, questionKeys.length);
    for (const key of [...themeKeys, ...questionKeys, section11Template.key]) assert.match(key, KEY);
  });

  it('gives every theme and question its text, guidance and evidence prompt, in plain text', () => {
    for (const theme of section11Template.themes) {
      for (const field of [theme.title, theme.description, theme.guidance])
        assert.ok(field.trim().length > 0);
    }
    for (const q of questions) {
      assert.ok(q.text.trim().length > 10, q.key);
      assert.ok(q.guidance.trim().length > 10, q.key);
      assert.ok(q.evidencePrompt.trim().length > 0, q.key);
      assert.doesNotMatch(`${q.text}${q.guidance}${q.evidencePrompt}`, /[<>]/, q.key);
    }
  });

  it('uses both response scales, and a question of fact is asked as one', () => {
    const scales = new Set(questions.map((q) => q.scale));
    assert.deepEqual([...scales].sort(), ['graded', 'yes_no']);
    for (const q of questions) {
      if (q.scale === 'yes_no') assert.match(q.text, /\?$/, `${q.key} is a question`);
      else assert.match(q.text, /\.$/, `${q.key} is a statement`);
    }
  });

  it('describes what Red, Amber and Green mean', () => {
    const d = section11Template.gradeDescriptors;
    for (const text of [d.red, d.amber, d.green]) assert.ok(text.length > 20);
  });
});
