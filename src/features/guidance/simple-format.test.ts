import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderFaq, renderInline, renderSimpleFormat, safeHref } from './simple-format.ts';

describe('the simple formatter', () => {
  it('renders paragraphs, headings and lists with GOV.UK classes', () => {
    const html = renderSimpleFormat(
      [
        '## Before you start',
        'First line',
        'second line',
        '',
        '- one',
        '- two',
        '',
        '1. first',
        '2. second',
        '### Small heading',
      ].join('\n'),
    );
    assert.equal(
      html,
      [
        '<h2 class="govuk-heading-m">Before you start</h2>',
        '<p class="govuk-body">First line<br>second line</p>',
        '<ul class="govuk-list govuk-list--bullet"><li>one</li><li>two</li></ul>',
        '<ol class="govuk-list govuk-list--number"><li>first</li><li>second</li></ol>',
        '<h3 class="govuk-heading-s">Small heading</h3>',
      ].join('\n'),
    );
  });

  it('renders bold and http(s) and mailto links', () => {
    assert.equal(
      renderInline(
        'Read **the guide** at [our site](https://example.org/a?b=1&c=2) or [email us](mailto:x@example.org)',
      ),
      'Read <strong>the guide</strong> at <a class="govuk-link" href="https://example.org/a?b=1&amp;c=2">our site</a> or <a class="govuk-link" href="mailto:x@example.org">email us</a>',
    );
  });

  it('escapes HTML wherever it is typed', () => {
    const html = renderSimpleFormat(
      '<script>alert(1)</script>\n## <img src=x onerror=alert(1)>\n- <b>"quoted"</b> & \'single\'',
    );
    assert.ok(!html.includes('<script'));
    assert.ok(!html.includes('<img'));
    assert.ok(!html.includes('<b>'));
    assert.match(html, /&lt;script>alert\(1\)&lt;\/script>/);
    assert.match(html, /&#34;quoted&#34;/);
    assert.match(html, /&amp; &#39;single&#39;/);
  });

  it('never links javascript:, data: or other addresses, and shows them as text', () => {
    for (const address of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:x',
      '//evil.example',
      '/relative',
      'mailto:nobody',
    ]) {
      const html = renderInline(`[click](${address})`);
      assert.ok(!html.includes('<a'), `${address} must not become a link: ${html}`);
      assert.ok(!html.includes('<script'));
    }
    assert.equal(safeHref('javascript:alert(1)'), null);
    assert.equal(safeHref('https://example.org'), 'https://example.org/');
  });

  it('keeps a link’s address and text from breaking out of the attribute', () => {
    const html = renderInline('[x" onmouseover="alert(1)](https://example.org/"onmouseover="alert(1))');
    assert.ok(!/<a [^>]*onmouseover/.test(html), html);
    const quoted = renderInline('[a](https://example.org/"><script>)');
    assert.ok(!quoted.includes('<script'), quoted);
    assert.ok(!/href="[^"]*"[^>]*"/.test(quoted), quoted);
  });

  it('shows unbalanced markers as typed', () => {
    assert.equal(renderInline('**not closed'), '**not closed');
    assert.equal(renderInline('a **b** c **d'), 'a <strong>b</strong> c **d');
    assert.equal(renderInline('empty **** bold'), 'empty **** bold');
    assert.equal(renderInline('[no address]'), '[no address]');
    assert.equal(renderInline('[text](https://example.org'), '[text](https://example.org');
    assert.equal(renderSimpleFormat('#### four'), '<p class="govuk-body">#### four</p>');
    assert.equal(renderSimpleFormat('-no space'), '<p class="govuk-body">-no space</p>');
  });

  it('renders nothing for empty text', () => {
    assert.equal(renderSimpleFormat(''), '');
    assert.equal(renderSimpleFormat('\n\n  \n'), '');
  });
});

describe('the FAQ document', () => {
  it('turns each ## line into a question answered by the text under it', () => {
    const faq = renderFaq(
      'Answers to common questions.\n\n## When is the deadline?\nSee the **audit** page.\n\n## Who signs off?\n- the chief executive\n## <script>x</script>',
    );
    assert.equal(faq.introHtml, '<p class="govuk-body">Answers to common questions.</p>');
    assert.deepEqual(
      faq.entries.map((e) => e.question),
      ['When is the deadline?', 'Who signs off?', '<script>x</script>'],
    );
    assert.equal(
      faq.entries[0]!.answerHtml,
      '<p class="govuk-body">See the <strong>audit</strong> page.</p>',
    );
    assert.equal(
      faq.entries[1]!.answerHtml,
      '<ul class="govuk-list govuk-list--bullet"><li>the chief executive</li></ul>',
    );
  });
});
