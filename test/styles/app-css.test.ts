/**
 * The built stylesheet (public/build/app.css, which `npm test` builds first): no function CSS does not
 * know (Sass leaves an unknown one as text, and the browser drops the whole declaration), Red, Amber
 * and Green tags and heatmap cells in colours whose text reaches 4.5:1, and a build that prints no
 * Sass warnings.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { APP_CSS, compileAppCss, ROOT, unknownCssFunctions } from '../../scripts/app-css.ts';
import {
  contrastRatio,
  MIN_TEXT_CONTRAST,
  normaliseHexColour,
} from '../../src/features/partnerships/contrast.ts';

interface Rule {
  selectors: string[];
  declarations: Map<string, string>;
  at: number;
}

/** Every innermost rule of compressed CSS (rules inside @media blocks included), in order. */
function rules(css: string): Rule[] {
  const found: Rule[] = [];
  for (const m of css.matchAll(/([^{};]+)\{([^{}]*)\}/g)) {
    const declarations = new Map<string, string>();
    for (const d of m[2]!.split(';')) {
      const colon = d.indexOf(':');
      if (colon > 0) declarations.set(d.slice(0, colon).trim(), d.slice(colon + 1).trim());
    }
    found.push({ selectors: m[1]!.split(',').map((s) => s.trim()), declarations, at: m.index });
  }
  return found;
}

/** The value the last rule naming exactly `selector` gives `property`, with where that rule is. */
function declared(
  all: Rule[],
  selector: string,
  property: string,
): { value: string; at: number } | undefined {
  let last: { value: string; at: number } | undefined;
  for (const r of all) {
    const value = r.declarations.get(property);
    if (value !== undefined && r.selectors.includes(selector)) last = { value, at: r.at };
  }
  return last;
}

/** A colour as `#rrggbb`: a hex colour, or the fallback of `var(--name, #hex)` (what GOV.UK Frontend gives). */
function hex(value: string): string {
  const fallback = /^var\(--[\w-]+,\s*(#[0-9a-f]+)\)$/i.exec(value);
  const colour = normaliseHexColour(fallback ? fallback[1]! : value);
  assert.ok(colour, `not a colour this test reads: ${value}`);
  return colour;
}

describe('the built stylesheet', () => {
  const css = readFileSync(APP_CSS, 'utf8');
  const all = rules(css);

  it('finds functions CSS does not define, outside strings and url()', () => {
    assert.deepEqual(
      unknownCssFunctions(
        '.a{color:govuk-shade(#ca3535, 30%);background:govuk-tint(#ca3535,80%)}.b{width:calc(1px + max(2px,3px))}',
      ),
      ['govuk-shade', 'govuk-tint'],
    );
    assert.deepEqual(
      unknownCssFunctions(
        '@media(min-width:40em){.a:not(.b){content:"nope(";background:url(data:x;nope(1)),var(--x, rgba(0,0,0,.1))}}' +
          '@supports(position:sticky){.c{transform:-webkit-translateY(2px) rotate(1deg)}}',
      ),
      [],
    );
  });

  it('has no function CSS does not define (a Sass function misspelt or missing)', () => {
    assert.ok(css.length > 10_000, 'the stylesheet is built');
    assert.deepEqual(unknownCssFunctions(css), []);
  });

  it('gives Red, Amber, Green, not rated and the heatmap’s differences a colour with text at 4.5:1 or more', () => {
    const tagRule = declared(all, '.govuk-tag', 'background-color');
    assert.ok(tagRule, 'GOV.UK Frontend’s tag has its own background');
    for (const modifier of [
      'rag--red',
      'rag--amber',
      'rag--green',
      'rag--none',
      'diff--up',
      'diff--down',
      'diff--same',
    ]) {
      const selector = `.app-${modifier}`;
      const text = declared(all, selector, 'color');
      const background = declared(all, selector, 'background-color');
      assert.ok(text && background, `${selector} has a text and a background colour`);
      const ratio = contrastRatio(hex(text.value), hex(background.value));
      assert.ok(
        ratio >= MIN_TEXT_CONTRAST,
        `${selector}: ${text.value} on ${background.value} is ${ratio.toFixed(2)}:1`,
      );
      // Same specificity as .govuk-tag, so the later rule wins on a tag.
      assert.ok(background.at > tagRule.at, `${selector} comes after .govuk-tag`);
    }
    // Red, Amber and Green can be told apart.
    const backgrounds = ['red', 'amber', 'green', 'none'].map((r) =>
      hex(declared(all, `.app-rag--${r}`, 'background-color')!.value),
    );
    assert.equal(new Set(backgrounds).size, 4);
  });

  it('has every tag colour the views use (GOV.UK Frontend 6 has no light-blue)', () => {
    const src = join(ROOT, 'src');
    const used = new Set<string>();
    for (const file of readdirSync(src, { recursive: true, encoding: 'utf8' }))
      if (/\.tsx?$/.test(file) && !file.endsWith('.test.ts'))
        for (const m of readFileSync(join(src, file), 'utf8').matchAll(/govuk-tag--[a-z-]+/g)) used.add(m[0]);
    assert.ok(used.size > 3, 'the views use tag colours');
    // Blue is the tag's own colour: its modifier needs no rule.
    const missing = [...used].filter(
      (c) => c !== 'govuk-tag--blue' && !all.some((r) => r.selectors.includes(`.${c}`)),
    );
    assert.deepEqual(missing, []);
  });

  it('writes chart values readably on their bars', () => {
    for (const tone of ['red', 'amber', 'green', 'grey', 'blue']) {
      const bar = declared(all, `.app-chart__bar--${tone}`, 'fill');
      const value =
        declared(all, `.app-chart__value--${tone}`, 'fill') ?? declared(all, '.app-chart__value', 'fill');
      assert.ok(bar && value, `the ${tone} bar and its value have colours`);
      const ratio = contrastRatio(hex(value.value), hex(bar.value));
      assert.ok(
        ratio >= MIN_TEXT_CONTRAST,
        `${tone}: ${value.value} on ${bar.value} is ${ratio.toFixed(2)}:1`,
      );
    }
  });

  it('is built without a Sass warning or deprecation', () => {
    const { css: fresh, warnings } = compileAppCss();
    assert.deepEqual(warnings, []);
    assert.equal(fresh, css, 'public/build/app.css is what app.scss compiles to');
  });
});
