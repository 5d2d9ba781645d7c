/**
 * Test support: checks a ported GOV.UK Frontend component against the fixtures that
 * govuk-frontend publishes (options in, expected HTML out). HTML is compared in a canonical form
 * (attributes sorted, class tokens sorted, insignificant white space removed), so the Nunjucks
 * templates' indentation does not matter but every element, attribute and text does.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';
import { type DefaultTreeAdapterMap, parseFragment } from 'parse5';

type Node = DefaultTreeAdapterMap['childNode'];

export interface Fixture {
  name: string;
  options: Record<string, unknown>;
  hidden: boolean;
  html: string;
}

const require = createRequire(import.meta.url);

export function loadFixtures(component: string): Fixture[] {
  const file = require.resolve(`govuk-frontend/dist/govuk/components/${component}/fixtures.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { fixtures: Fixture[] }).fixtures;
}

function canonicalNode(node: Node, out: string[]): void {
  if (node.nodeName === '#text') {
    const text = (node as DefaultTreeAdapterMap['textNode']).value.replace(/\s+/g, ' ').trim();
    if (text) out.push(text);
    return;
  }
  if (node.nodeName === '#comment') return;
  const element = node as DefaultTreeAdapterMap['element'];
  const attrs = [...element.attrs]
    .map(({ name, value }) => {
      const v = name === 'class' ? value.split(/\s+/).filter(Boolean).sort().join(' ') : value.trim();
      return `${name}="${v}"`;
    })
    .sort();
  out.push(`<${element.tagName}${attrs.length ? ` ${attrs.join(' ')}` : ''}>`);
  const children =
    element.tagName === 'template'
      ? (element as unknown as { content: { childNodes: Node[] } }).content.childNodes
      : element.childNodes;
  for (const child of children) canonicalNode(child, out);
  out.push(`</${element.tagName}>`);
}

/** One line per tag or text run, so a failing assertion shows a readable diff. */
export function canonicalHtml(html: string): string {
  const out: string[] = [];
  for (const node of parseFragment(html).childNodes) canonicalNode(node, out);
  return out.join('\n');
}

/**
 * Registers one test per fixture of `component`. `skip` names fixtures that cannot apply to a
 * TSX port, each with the reason; every other fixture must render to the same HTML.
 */
export function testAgainstFixtures(
  component: string,
  // biome-ignore lint/suspicious/noExplicitAny: fixtures are untyped JSON matched against each component's options
  render: (options: any) => JSX.Element,
  skip: Record<string, string> = {},
): void {
  describe(`govuk ${component} matches govuk-frontend fixtures`, () => {
    for (const fixture of loadFixtures(component)) {
      const reason = skip[fixture.name];
      it(fixture.name, { skip: reason ?? false }, async () => {
        assert.equal(canonicalHtml(await render(fixture.options)), canonicalHtml(fixture.html));
      });
    }
  });
}
