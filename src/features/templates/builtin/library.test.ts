import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readTemplateFile, templateFileSchema, writeTemplateFile } from '../template-file.ts';
import { BUILTIN_TEMPLATES, findBuiltin } from './library.ts';

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('the library of built-in templates', () => {
  it('holds the Section 11, schools and colleges, and adult safeguarding templates, under unique keys', () => {
    const keys = BUILTIN_TEMPLATES.map((t) => t.definition.key);
    assert.deepEqual(keys, ['section-11-children', 'schools-colleges-safeguarding', 'adult-safeguarding']);
    assert.equal(findBuiltin('adult-safeguarding')?.definition.name, 'Adult safeguarding self-assessment');
    assert.equal(findBuiltin('nope'), undefined);
  });

  for (const { definition: d } of BUILTIN_TEMPLATES) {
    describe(d.name, () => {
      it('is valid against the template file schema, and survives a YAML round trip', () => {
        const parsed = templateFileSchema.safeParse(d);
        assert.ok(parsed.success, JSON.stringify(parsed.error?.issues.slice(0, 3)));
        const read = readTemplateFile('yaml', new TextEncoder().encode(writeTemplateFile('yaml', d)));
        assert.deepEqual(read.definition, d);
      });

      it('has eight to eleven themes of five to twelve questions, each with guidance', () => {
        assert.ok(d.themes.length >= 8 && d.themes.length <= 11, `${d.themes.length} themes`);
        for (const t of d.themes) {
          assert.ok(t.questions.length >= 5 && t.questions.length <= 12, `${t.key}: ${t.questions.length}`);
          assert.ok(t.guidance.length > 40 && t.description.length > 20, t.key);
          for (const q of t.questions) {
            assert.ok(q.guidance.length > 20 && q.evidencePrompt.length > 5, q.key);
            assert.doesNotMatch(`${q.text}${q.guidance}${q.evidencePrompt}`, /[<>]/, q.key);
            if (q.scale === 'yes_no') assert.match(q.text, /\?$/, `${q.key} is a question`);
            else assert.match(q.text, /\.$/, `${q.key} is a statement`);
          }
        }
      });

      it('uses unique keys in the key format', () => {
        const themeKeys = d.themes.map((t) => t.key);
        const questionKeys = d.themes.flatMap((t) => t.questions.map((q) => q.key));
        assert.equal(new Set(themeKeys).size, themeKeys.length);
        assert.equal(new Set(questionKeys).size, questionKeys.length);
        for (const key of [d.key, ...themeKeys, ...questionKeys]) assert.match(key, KEY);
      });
    });
  }
});
