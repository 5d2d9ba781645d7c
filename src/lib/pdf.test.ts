import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { POPPLER_MISSING, pdfPlainText, pdfStructure } from '../../test/helpers/pdf-tools.ts';
import { pdfText, pdfWriter } from './pdf.ts';

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
