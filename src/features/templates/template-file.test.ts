import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { section11Template } from './builtin/section-11.ts';
import type { TemplateDefinition } from './template-definition.ts';
import {
  readTemplateFile,
  TEMPLATE_FILE_MAX_BYTES,
  templateFileSchema,
  writeTemplateFile,
} from './template-file.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
/** A template using every response scale, options, optional and weighted questions, conditions and sectors. */
const everyScale = readFileSync(new URL('../../../test/fixtures/every-scale.yaml', import.meta.url), 'utf8');
const everyScaleDefinition = () => {
  const read = readTemplateFile('yaml', bytes(everyScale));
  assert.ok(read.definition, JSON.stringify(read.problems));
  return read.definition;
};

describe('template files', () => {
  for (const format of ['yaml', 'json'] as const) {
    it(`reads back what it writes (${format}), the same file again`, () => {
      const file = writeTemplateFile(format, section11Template);
      const read = readTemplateFile(format, bytes(file));
      assert.ok(read.definition, JSON.stringify(read.problems));
      assert.deepEqual(read.definition, section11Template);
      assert.equal(writeTemplateFile(format, read.definition), file);
    });
  }

  it('reads the file using every scale and writes the same file back, in YAML and in JSON', () => {
    const d = everyScaleDefinition();
    assert.deepEqual([...new Set(d.themes.flatMap((t) => t.questions.map((q) => q.scale)))].sort(), [
      'choose_many',
      'choose_one',
      'date',
      'four_level',
      'graded',
      'number',
      'text',
      'yes_no',
    ]);
    assert.deepEqual(d.themes[1]!.sectors, ['nhs-trust', 'general-practice']);
    assert.deepEqual(d.themes[0]!.questions[2]!.showWhen, { questionKey: 'named-lead', answers: ['yes'] });
    assert.equal(writeTemplateFile('yaml', d), everyScale);
    const json = writeTemplateFile('json', d);
    const again = readTemplateFile('json', bytes(json));
    assert.deepEqual(again.definition, d);
    assert.equal(writeTemplateFile('json', again.definition!), json);
  });

  it('reads the example in docs/template-format.md and writes it back the same', () => {
    const md = readFileSync(new URL('../../../docs/template-format.md', import.meta.url), 'utf8');
    const example = /```yaml\n([\s\S]*?)```/.exec(md)![1]!;
    const read = readTemplateFile('yaml', bytes(example));
    assert.ok(read.definition, JSON.stringify(read.problems));
    assert.equal(writeTemplateFile('yaml', read.definition), example);
  });

  /** The problems found in the every-scale file after `edit`, with the file written. */
  const problemsAfter = (edit: (d: TemplateDefinition) => void) => {
    const d = everyScaleDefinition();
    edit(d);
    const file = writeTemplateFile('yaml', d);
    const read = readTemplateFile('yaml', bytes(file));
    assert.ok(read.problems, 'refused');
    return { problems: read.problems, file };
  };

  it('refuses options on a fixed scale, the wrong number of options, unknown scales and sectors', () => {
    const four = problemsAfter((d) => {
      d.themes[0]!.questions[3]!.options!.pop();
    });
    assert.deepEqual(
      four.problems.map((p) => [p.field, p.message]),
      [['themes[0].questions[3].options', 'A "four_level" question must have exactly 4 options']],
    );
    const lines = four.file.split('\n');
    const maturity = lines.findIndex((l) => l.includes('key: maturity'));
    assert.equal(
      four.problems[0]!.line,
      lines.findIndex((l, i) => i > maturity && l.trim() === 'options:') + 2, // the list's first item, just under `options:`
    );
    const fixed = problemsAfter((d) => {
      d.themes[0]!.questions[0]!.options = [{ key: 'a', label: 'A', met: true, action: false }];
    });
    assert.match(fixed.problems[0]!.message, /A "graded" question has no options/);
    const choice = problemsAfter((d) => {
      d.themes[0]!.questions[4]!.options = [];
    });
    assert.match(choice.problems[0]!.message, /at least 2 options/);
    const sector = problemsAfter((d) => {
      d.themes[1]!.sectors = ['nhs-trust', 'hospital'];
    });
    assert.equal(sector.problems[0]!.field, 'themes[1].sectors[1]');
    const scale = problemsAfter((d) => {
      (d.themes[0]!.questions[0] as { scale: string }).scale = 'stars';
    });
    assert.match(scale.problems[0]!.message, /The scale must be one of "graded", "yes_no", "four_level"/);
    const weight = problemsAfter((d) => {
      d.themes[0]!.questions[0]!.weight = 1.5;
    });
    assert.equal(weight.problems[0]!.field, 'themes[0].questions[0].weight');
    const duplicate = problemsAfter((d) => {
      d.themes[0]!.questions[5]!.options![1]!.key = 'induction';
    });
    assert.equal(duplicate.problems[0]!.field, 'themes[0].questions[5].options[1].key');
  });

  it('refuses a condition on a later or unknown question, on a free answer, or naming an answer not offered', () => {
    const problems = (edit: (d: TemplateDefinition) => void) => {
      const { problems, file } = problemsAfter(edit);
      return { problems: problems.map((p) => [p.field, p.message, p.line]), file };
    };
    const later = problems((d) => {
      d.themes[0]!.questions[1]!.showWhen = { questionKey: 'maturity', answers: ['embedded'] };
    });
    assert.equal(later.problems[0]![0], 'themes[0].questions[1].showWhen.questionKey');
    assert.match(String(later.problems[0]![1]), /earlier question of the same theme; "maturity" is not one/);
    assert.equal(
      later.problems[0]![2],
      later.file.split('\n').indexOf('          questionKey: maturity') + 1,
    );
    const self = problems((d) => {
      d.themes[0]!.questions[2]!.showWhen = { questionKey: 'lead-trained', answers: ['yes'] };
    });
    assert.match(String(self.problems[0]![1]), /earlier question/);
    const otherTheme = problems((d) => {
      d.themes[1]!.questions[0]!.showWhen = { questionKey: 'policy', answers: ['not_met'] };
    });
    assert.equal(otherTheme.problems[0]![0], 'themes[1].questions[0].showWhen.questionKey');
    const free = problems((d) => {
      d.themes[0]!.questions[9]!.showWhen = { questionKey: 'staff-count', answers: ['10'] };
    });
    assert.match(String(free.problems[0]![1]), /a question answered by choosing/);
    const unknown = problems((d) => {
      d.themes[0]!.questions[6]!.showWhen = {
        questionKey: 'training-offered',
        answers: ['none', 'sometimes'],
      };
    });
    assert.deepEqual(unknown.problems[0]!.slice(0, 2), [
      'themes[0].questions[6].showWhen.answers[1]',
      '"sometimes" is not an answer of question "training-offered" (it offers "induction", "refresher", "none")',
    ]);
    const fixed = problems((d) => {
      d.themes[0]!.questions[2]!.showWhen = { questionKey: 'named-lead', answers: ['fully_met'] };
    });
    assert.match(
      String(fixed.problems[0]![1]),
      /"fully_met" is not an answer of question "named-lead" \(it offers "yes", "no", "na"\)/,
    );
  });

  it('names the field and line of a problem in YAML', () => {
    const file = writeTemplateFile('yaml', section11Template).replace(
      /^( {6}- key: )leadership-statement$/m,
      '$1Bad Key',
    );
    const read = readTemplateFile('yaml', bytes(file));
    assert.ok(read.problems);
    const p = read.problems.find((x) => x.field === 'themes[0].questions[1].key');
    assert.ok(p, JSON.stringify(read.problems));
    const line = file.split('\n').findIndex((l) => l.includes('key: Bad Key')) + 1;
    assert.equal(p.line, line);
  });

  it('names an unknown or misspelt field on its own line, with the field it stands for, and a missing one', () => {
    const lines = writeTemplateFile('yaml', section11Template).split('\n');
    const first = (prefix: string) => lines.findIndex((l) => l.trimStart().startsWith(prefix));
    lines[first('evidencePrompt:')] = lines[first('evidencePrompt:')]!.replace(
      'evidencePrompt:',
      'evidencePromt:',
    );
    lines[first('title:')] = lines[first('title:')]!.replace('title:', 'titel:');
    lines.splice(first('scale:') + 1, 0, lines[first('scale:')]!.replace(/scale:.*/, 'colour: blue'));
    lines.splice(first('guidance:') + 1, 0, lines[first('guidance:')]!.replace(/guidance:.*/, 'Sectors: []'));
    const file = lines.join('\n');
    const read = readTemplateFile('yaml', bytes(file));
    const lineOf = (text: string) => lines.findIndex((l) => l.trimStart().startsWith(text)) + 1;
    assert.deepEqual(
      read.problems?.map((p) => [p.line, p.field, p.message]),
      [
        [lineOf('- key: leadership'), 'themes[0].title', '"title" is missing'],
        [lineOf('titel:'), 'themes[0].titel', '"titel" is not a field of a theme – did you mean "title"?'],
        [
          lineOf('Sectors:'),
          'themes[0].Sectors',
          '"Sectors" is not a field of a theme – did you mean "sectors"?',
        ],
        [
          lineOf('- key: leadership-board-lead'),
          'themes[0].questions[0].evidencePrompt',
          '"evidencePrompt" is missing',
        ],
        [lineOf('colour: blue'), 'themes[0].questions[0].colour', '"colour" is not a field of a question'],
        [
          lineOf('evidencePromt:'),
          'themes[0].questions[0].evidencePromt',
          '"evidencePromt" is not a field of a question – did you mean "evidencePrompt"?',
        ],
      ],
    );
    // The same in JSON, where a key's line is its own too.
    const json = JSON.parse(writeTemplateFile('json', section11Template));
    json.themes[1].questions[2].guidence = json.themes[1].questions[2].guidance;
    delete json.themes[1].questions[2].guidance;
    json.gradeDescriptors.purple = 'No such grade';
    const jsonFile = JSON.stringify(json, null, 2);
    const jsonLines = jsonFile.split('\n');
    assert.deepEqual(
      readTemplateFile('json', bytes(jsonFile)).problems?.map((p) => [p.line, p.field, p.message]),
      [
        [
          jsonLines.findIndex((l) => l.includes('"purple"')) + 1,
          'gradeDescriptors.purple',
          '"purple" is not a field of gradeDescriptors',
        ],
        [
          jsonLines.findIndex((l) => l.includes(`"key": "${json.themes[1].questions[2].key}"`)),
          'themes[1].questions[2].guidance',
          '"guidance" is missing',
        ],
        [
          jsonLines.findIndex((l) => l.includes('"guidence"')) + 1,
          'themes[1].questions[2].guidence',
          '"guidence" is not a field of a question – did you mean "guidance"?',
        ],
      ],
    );
  });

  it('writes and reads theme localities by name, and names those the partnership does not have', () => {
    const d = structuredClone(section11Template);
    d.themes[2]!.localities = ['Northshire', 'Riverside'];
    const file = writeTemplateFile('yaml', d);
    assert.match(file, /\n {4}localities:\n {6}- Northshire\n {6}- Riverside\n {4}description:/);
    assert.deepEqual(readTemplateFile('yaml', bytes(file), ['riverside', 'NORTHSHIRE']).definition, d);
    const json = writeTemplateFile('json', d);
    assert.deepEqual(readTemplateFile('json', bytes(json), ['Riverside', 'Northshire']).definition, d);
    const read = readTemplateFile('yaml', bytes(file), ['Riverside', 'Eastmoor']);
    assert.deepEqual(
      read.problems?.map((p) => [p.line, p.field, p.message]),
      [
        [
          file.split('\n').indexOf('      - Northshire') + 1,
          'themes[2].localities[0]',
          '"Northshire" is not a locality of this partnership (its localities are "Riverside", "Eastmoor")',
        ],
      ],
    );
    const twice = structuredClone(d);
    twice.themes[2]!.localities = ['Riverside', 'riverside'];
    assert.deepEqual(
      readTemplateFile('yaml', bytes(writeTemplateFile('yaml', twice))).problems?.map((p) => p.message),
      ['The locality "riverside" is named twice'],
    );
  });

  it('names the field and line of a problem in JSON', () => {
    const data = structuredClone(section11Template);
    data.themes[2]!.questions[0]!.text = '';
    const file = writeTemplateFile('json', data);
    const read = readTemplateFile('json', bytes(file));
    const p = read.problems?.find((x) => x.field === 'themes[2].questions[0].text');
    assert.ok(p, JSON.stringify(read.problems));
    assert.equal(p.line, file.split('\n').findIndex((l) => l.includes('"text": ""')) + 1);
  });

  it('refuses duplicate keys, anchors and aliases, custom tags, several documents, too many themes', () => {
    const dup = structuredClone(section11Template);
    dup.themes[1]!.key = dup.themes[0]!.key;
    assert.equal(readTemplateFile('json', bytes(JSON.stringify(dup))).problems?.[0]?.field, 'themes[1].key');
    const bomb = 'a: &a [x, x]\nb: &b [*a, *a]\nc: [*b, *b]\n';
    assert.match(readTemplateFile('yaml', bytes(bomb)).problems?.[0]?.message ?? '', /anchors or aliases/);
    assert.match(
      readTemplateFile('yaml', bytes('key: !!js/function "x"\n')).problems?.[0]?.message ?? '',
      /not valid YAML/,
    );
    assert.match(
      readTemplateFile('yaml', bytes('a: 1\n---\nb: 2\n')).problems?.[0]?.message ?? '',
      /one document/,
    );
    const many = {
      ...section11Template,
      themes: Array.from({ length: 31 }, (_, i) => ({ ...section11Template.themes[0]!, key: `t-${i}` })),
    };
    assert.equal(readTemplateFile('json', bytes(JSON.stringify(many))).problems?.[0]?.field, 'themes');
    assert.match(
      readTemplateFile('json', new Uint8Array(TEMPLATE_FILE_MAX_BYTES + 1)).problems?.[0]?.message ?? '',
      /256 KB/,
    );
    assert.match(
      readTemplateFile('yaml', new Uint8Array([0xff, 0xfe, 0x00])).problems?.[0]?.message ?? '',
      /UTF-8/,
    );
  });

  it('never throws on arbitrary input, and yields either a valid definition or problems', () => {
    const check = (format: 'yaml' | 'json', data: Uint8Array) => {
      const read = readTemplateFile(format, data);
      if (read.definition) assert.ok(templateFileSchema.safeParse(read.definition).success);
      else assert.ok(read.problems.length > 0);
    };
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }),
        fc.constantFrom('yaml' as const, 'json' as const),
        (s, format) => check(format, bytes(s)),
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom('yaml' as const, 'json' as const), (v, format) =>
        check(format, bytes(JSON.stringify(v) ?? 'null')),
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (a) => check('yaml', a)),
      { numRuns: 200 },
    );
  });
});
