/**
 * The return's copy as a PDF is an accessible document: tagged (headings, a table with header
 * cells, reading order, language and title), in an embedded font that keeps names such as
 * "Łukasz" and "Ŵyn" as typed, with one footer line on every page.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ThemeInfo } from '../../src/features/returns/return-structure.ts';
import { POPPLER_MISSING, pdfFonts, pdfInfo, pdfPlainText, pdfStructure } from '../helpers/pdf-tools.ts';
import { completeThemeFields, themesFor } from '../helpers/return-fixtures.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const COUNCIL_LEAD = 'safeguarding.lead@northshire-council.example';
const NAME = 'Łukasz Ŵyn-Jones';
const ROLE = 'Designated lead… (Powys – Ŵyn)';

describe('the copy of a return as an accessible PDF', { skip: POPPLER_MISSING }, () => {
  let t: TestApp;
  let themes: ThemeInfo[];
  let pdf: Buffer;

  before(async () => {
    t = await startTestApp();
    const lead = await t.signIn(COUNCIL_LEAD);
    themes = await themesFor(t, 'council');
    const returnId = t.ids.returnIds.council!;
    await lead.get(`/returns/${returnId}/details`);
    const details = await lead.post(`/returns/${returnId}/details`, {
      completerName: NAME,
      completerRole: ROLE,
      completerEmail: COUNCIL_LEAD,
      completerPhone: '',
    });
    assert.equal(details.status, 303, details.body.slice(0, 500));
    const theme = themes[0]!;
    const q2 = theme.questions[1]!;
    await lead.get(`/returns/${returnId}/themes/${theme.id}`);
    const saved = await lead.post(
      `/returns/${returnId}/themes/${theme.id}`,
      completeThemeFields(theme, {
        'q1-comment': 'Reviewed with Siân and Zoë in Ynys Môn',
        'q2-response': q2.scale === 'graded' ? 'not_met' : 'no',
        'q2-action': 'Appoint a deputy board lead',
        'q2-target-date-day': '31',
        'q2-target-date-month': '1',
        'q2-target-date-year': '2027',
        rating: 'amber',
        justification: 'One gap at board level.',
        'rating-action': 'Review board safeguarding reporting',
        'rating-target-date-day': '28',
        'rating-target-date-month': '2',
        'rating-target-date-year': '2027',
      }),
    );
    assert.equal(saved.status, 303, saved.body.slice(0, 500));
    const res = await lead.download(`/returns/${returnId}/copy.pdf`);
    assert.equal(res.status, 200);
    pdf = res.bytes;
  });
  after(async () => t?.close());

  it('is a tagged PDF 1.7 in English with its title shown', () => {
    const info = pdfInfo(pdf);
    assert.equal(info.Tagged, 'yes');
    assert.equal(info['PDF version'], '1.7');
    assert.match(info.Title ?? '', /^Section 11 return – Northshire County Council Children’s Services – /);
    const raw = pdf.toString('latin1');
    assert.match(raw, /\/Lang \(en-GB\)/);
    assert.match(raw, /\/DisplayDocTitle true/);
  });

  it('embeds its font, with no standard font left', () => {
    const fonts = pdfFonts(pdf);
    assert.match(fonts, /NotoSans-Regular\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    assert.match(fonts, /NotoSans-Bold\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes/);
    assert.doesNotMatch(fonts, /Helvetica/);
  });

  it('keeps characters beyond Windows-1252 as typed', () => {
    const text = pdfPlainText(pdf).replace(/\s+/g, ' ');
    assert.ok(text.includes(`Completed by: ${NAME}, ${ROLE}`), 'the completer’s name and role');
    assert.ok(text.includes('Reviewed with Siân and Zoë in Ynys Môn'), 'a comment');
    assert.doesNotMatch(text, /\?ukasz|\?yn/);
  });

  it('has a structure tree of headings, paragraphs and a table with column headers, in reading order', () => {
    const tree = pdfStructure(pdf);
    assert.match(tree, /^Document\b/m);
    assert.match(
      tree,
      /^ {2}H1\b[\s\S]*?"Section 11 return: Northshire County Council Children’s Services"/m,
    );
    const h2 = [...tree.matchAll(/^ {2}H2\b.*\n\s*"([^"]*)"/gm)].map((m) => m[1]);
    assert.deepEqual(h2, [
      'Score summary',
      ...themes.map((theme) => `${theme.number}. ${theme.title}`),
      'Action plan',
    ]);
    assert.match(tree, /^ {4}TR\n {6}TH:\n {9}\/Scope \/Column\n {8}"Theme"\n/m);
    assert.match(tree, new RegExp(`^ {6}TD\\b.*\\n\\s*"1\\. ${themes[0]!.title}"`, 'm'));
    const questions = [...tree.matchAll(/^ {2}H3\b.*\n\s*"([^"]*)"/gm)].map((m) => m[1]);
    assert.ok(questions.includes(`1. ${themes[0]!.questions[0]!.text}`), 'each question is a heading');
    assert.ok(questions.includes('Appoint a deputy board lead'), 'each action is a heading');
    assert.ok(tree.includes(`"Completed by: ${NAME}, ${ROLE}, ${COUNCIL_LEAD}"`), 'a field is one paragraph');
    assert.doesNotMatch(tree, /page \d+ of \d+/, 'the footers are artefacts, outside the structure');
  });

  it('writes the footer on one line at the foot of every page, the last included', () => {
    const pages = pdfPlainText(pdf, { layout: true })
      .split('\f')
      .filter((p) => p.trim());
    assert.equal(pages.length, Number(pdfInfo(pdf).Pages));
    pages.forEach((page, i) => {
      const last = page.trimEnd().split('\n').at(-1)!.trim();
      assert.match(
        last,
        new RegExp(
          `^Page ${i + 1} of ${pages.length} – Northshire County Council Children’s Services – Section 11 audit 2026$`,
        ),
        `page ${i + 1}`,
      );
    });
  });
});
