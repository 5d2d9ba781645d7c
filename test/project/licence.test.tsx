/** The software says it is open source: it carries a licence, named in package.json, the README and the footer. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Layout } from '../../src/views/layout.tsx';
import { toHtml } from '../../src/views/render.ts';

const root = join(import.meta.dirname, '../..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

describe('the licence', () => {
  it('is the MIT Licence, in LICENSE and package.json', () => {
    const licence = read('LICENSE');
    assert.match(licence, /^MIT License\n\nCopyright \(c\) \d{4} \S/);
    assert.match(licence, /Permission is hereby granted, free of charge, to any person/);
    assert.equal(JSON.parse(read('package.json')).license, 'MIT');
  });

  it('is named, with the reason for it, in the README and in every page’s footer', () => {
    const section = /\n## Licence\n\n([\s\S]*?)(\n## |$)/.exec(read('README.md'))?.[1] ?? '';
    assert.match(section, /\[MIT\]\(LICENSE\), because/);
    const page = toHtml(<Layout title="Home">{''}</Layout>);
    assert.match(page, /govuk-footer__licence-description">[^<]*released under the MIT Licence\./);
  });
});
