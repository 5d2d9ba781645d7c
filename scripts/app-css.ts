/**
 * Compiling src/styles/app.scss (GOV.UK Frontend and our styles), and checking what comes out.
 * Sass passes a function it does not know (a misspelt or removed helper, `govuk-shade(…)`) through
 * to the CSS as plain text, which browsers then ignore; the build refuses such CSS instead.
 */
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile, NodePackageImporter } from 'sass';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const APP_CSS = join(ROOT, 'public/build/app.css');

/** Every function name CSS itself defines that a stylesheet of ours may use (lower case). */
const CSS_FUNCTIONS = new Set([
  // values
  'attr',
  'calc',
  'clamp',
  'color-mix',
  'counter',
  'counters',
  'cubic-bezier',
  'env',
  'fit-content',
  'format',
  'hsl',
  'hsla',
  'image-set',
  'linear-gradient',
  'local',
  'max',
  'min',
  'minmax',
  'radial-gradient',
  'repeat',
  'repeating-linear-gradient',
  'rgb',
  'rgba',
  'steps',
  'url',
  'var',
  // shapes and transforms
  'circle',
  'ellipse',
  'inset',
  'matrix',
  'path',
  'polygon',
  'rect',
  'rotate',
  'scale',
  'translate',
  'translatex',
  'translatey',
  // selectors, and the conditions of @supports and @-moz-document
  'dir',
  'has',
  'is',
  'lang',
  'not',
  'nth-child',
  'nth-last-child',
  'nth-last-of-type',
  'nth-of-type',
  'selector',
  'url-prefix',
  'where',
]);

/**
 * The names of functions in `css` that CSS does not define, each once, in order of first use.
 * Strings, comments and the insides of `url(…)` are left out; at-rules (`@media(`) are not functions.
 */
export function unknownCssFunctions(css: string): string[] {
  const code = css
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')
    .replace(/url\([^)]*\)/gi, 'url()');
  const unknown = new Set<string>();
  for (const match of code.matchAll(/(^|[^@\w-])(-?[a-zA-Z_][\w-]*)\(/g)) {
    const name = match[2]!.toLowerCase().replace(/^-(webkit|moz|ms|o)-/, '');
    if (!CSS_FUNCTIONS.has(name)) unknown.add(match[2]!);
  }
  return [...unknown];
}

/** What Sass said while compiling: a warning or deprecation, first line and where. */
export interface SassWarning {
  message: string;
  at: string;
}

/** Compiles app.scss; every warning Sass gives (ours or GOV.UK Frontend's) is collected, not printed. */
export function compileAppCss(): { css: string; warnings: SassWarning[] } {
  const warnings: SassWarning[] = [];
  const result = compile(join(ROOT, 'src/styles/app.scss'), {
    importers: [new NodePackageImporter()],
    style: 'compressed',
    logger: {
      warn(message, options) {
        const span = options.span;
        const at = span?.url
          ? `${relative(ROOT, fileURLToPath(span.url))}:${span.start.line + 1}`
          : (options.stack?.split('\n')[0]?.trim() ?? '');
        warnings.push({ message: message.split('\n')[0]!, at });
      },
    },
  });
  return { css: result.css, warnings };
}
