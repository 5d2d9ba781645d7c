import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POPPLER_MISSING, pdfPlainText, pdfStructure } from '../../test/helpers/pdf-tools.ts';
import { pdfText, pdfWordLayouts, pdfWriter, WordLayouts } from './pdf.ts';

const writer = () =>
  pdfWriter({
    title: 'Test',
    author: 'Test',
    subject: 'Test',
    generatedAt: new Date('2026-11-23T10:00:00Z'),
  });

describe('accessible PDF documents', () => {
  it('keeps every character the embedded font draws and replaces the others', () => {
    assert.equal(pdfText('Łukasz … (Powys – Ŵyn) “Siân” €5'), 'Łukasz … (Powys – Ŵyn) “Siân” €5');
    assert.equal(pdfText('tick ✓ and 中'), 'tick ? and ?');
    assert.equal(pdfText('a\u0007b\nc'), 'a?b\nc');
  });

  it('lays each word out once for every document, which come out as they would alone', async () => {
    const write = async () => {
      const w = writer();
      w.titleBlock('Northshire Partnership', 'Findings report: Ŵyn’s audit 2026');
      w.para('Partly met by Łukasz Nowak’s agency, reviewed in the quarter.');
      w.table({ headers: ['Agency', 'Red'], rows: [['Riverside Youth Justice Service', 3]] }, [3, 1]);
      return w.finish((page, pages) => `Page ${page} of ${pages}`);
    };
    const first = await write();
    const kept = pdfWordLayouts();
    assert.ok(kept.body > 10 && kept.bold > 3, 'the words of both faces kept');
    const again = await write();
    assert.deepEqual(pdfWordLayouts(), kept, 'no word laid out again');
    assert.ok(again.equals(first), 'the same bytes as the first');
  });

  it('keeps no more laid-out words than its limit, the least recently used let go first', () => {
    const layouts = new WordLayouts(2);
    layouts.cache['one '] = 1;
    layouts.cache['two '] = 2;
    layouts.cache['two '] = 22;
    assert.equal(layouts.cache['two '], 22);
    layouts.cache.three = 3;
    assert.equal(layouts.size, 2);
    assert.equal(layouts.cache['one '], undefined);
    assert.equal(layouts.cache['two '], 22);
    assert.equal(layouts.cache.three, 3);
  });

  it('never breaks a word in a narrow table column', { skip: POPPLER_MISSING }, async () => {
    const w = writer();
    w.table(
      {
        headers: ['Theme', 'Question', 'Not met', 'Partly met', 'No', 'Answered'],
        rows: [['1. Leadership', '1. Is there a named member of the board for safeguarding?', 1, 2, 0, 12]],
      },
      [2, 5, 1, 1, 1, 1],
    );
    const text = pdfPlainText(await w.finish(() => 'Footer'), { layout: true });
    assert.match(text, /Theme\s+Question\s+Not met\s+Partly met\s+No\s+Answered\n/);
    assert.match(text, /1\. Leadership\s+1\. Is there a named member of the\s+1\s+2\s+0\s+12\n/);
  });

  it('writes lists as list structure, labels apart from bodies', { skip: POPPLER_MISSING }, async () => {
    const w = writer();
    w.list(['Named leads', 'Board oversight'], true);
    const tree = pdfStructure(await w.finish(() => 'Footer'));
    assert.equal(
      tree,
      [
        'Document',
        '  L (block)',
        '    LI (block)',
        '      Lbl (block)',
        '        "1."',
        '      LBody (block)',
        '        "Named leads"',
        '    LI (block)',
        '      Lbl (block)',
        '        "2."',
        '      LBody (block)',
        '        "Board oversight"',
        '',
      ].join('\n'),
    );
  });

  it('keeps a long footer on one line, shortened at its end', { skip: POPPLER_MISSING }, async () => {
    const w = writer();
    w.para('Body');
    w.doc.addPage();
    const pdf = await w.finish(
      (page, pages) => `Page ${page} of ${pages} – ${'A very long agency name '.repeat(8)}`,
    );
    const pages = pdfPlainText(pdf, { layout: true })
      .split('\f')
      .filter((p) => p.trim());
    assert.equal(pages.length, 2);
    pages.forEach((page, i) => {
      const lines = page.trim().split('\n');
      assert.match(lines.at(-1)!.trim(), new RegExp(`^Page ${i + 1} of 2 – A very long agency name .*…$`));
      assert.doesNotMatch(lines.at(-2) ?? '', /agency name/, 'no second footer line');
    });
  });
});
