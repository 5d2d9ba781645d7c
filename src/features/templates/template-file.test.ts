import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { section11Template } from './builtin/section-11.ts';
import {
  readTemplateFile,
  TEMPLATE_FILE_MAX_BYTES,
  templateFileSchema,
  writeTemplateFile,
} from './template-file.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

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
