/**
 * Issue 16: the page is the unit of the code. A route plugin (an exported function of a
 * `*.routes.ts(x)` file: given the Fastify instance or a feature's route context, it registers the
 * routes of a page or a small group of pages) stays at most 150 lines; a view file
 * at most 400 lines. A longer one is the sign that a page's rules, SQL or markup have moved into the
 * wrong place: split it by page (see CONTRIBUTING.md, "Add a page").
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';

const root = join(import.meta.dirname, '../..');
const src = join(root, 'src');
const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).map((f) => join(src, f));

const ROUTE_PLUGIN_MAX_LINES = 150;
const VIEW_FILE_MAX_LINES = 400;

/**
 * Still too long, to be split by page (issue 16). Empty since every module was split: the list may
 * only shrink, so nothing may be added to it. Once one of these is within its limit the test asks
 * for it to be taken off, so it cannot grow back unnoticed.
 */
const NOT_YET_SPLIT = new Set<string>([]);

/** Of `long` (under one rule), those not on the list, and those of `listed` no longer long. */
function againstList(long: Array<{ key: string; lines: number }>, listed: string[]) {
  const longKeys = new Set(long.map((l) => l.key));
  return {
    tooLong: long.filter((l) => !NOT_YET_SPLIT.has(l.key)).map((l) => `${l.key}: ${l.lines} lines`),
    splitSince: listed.filter((key) => !longKeys.has(key)),
  };
}

/** Each exported top-level function of a file, with its length in lines. */
export function routePlugins(file: string, text: string): Array<{ name: string; lines: number }> {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const lines = (node: ts.Node) =>
    source.getLineAndCharacterOfPosition(node.getEnd()).line -
    source.getLineAndCharacterOfPosition(node.getStart(source)).line +
    1;
  const exported = (statement: ts.Statement) =>
    ts.canHaveModifiers(statement) &&
    (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  const found: Array<{ name: string; lines: number }> = [];
  for (const statement of source.statements) {
    if (!exported(statement)) continue;
    if (ts.isFunctionDeclaration(statement))
      found.push({ name: statement.name?.text ?? '(default)', lines: lines(statement) });
    if (ts.isVariableStatement(statement))
      for (const declaration of statement.declarationList.declarations) {
        const init = declaration.initializer;
        if (init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)))
          found.push({ name: declaration.name.getText(source), lines: lines(init) });
      }
  }
  return found;
}

describe('the shape of the code', () => {
  it(`keeps every route plugin within ${ROUTE_PLUGIN_MAX_LINES} lines`, () => {
    const routeFiles = files.filter((f) => /\.routes\.tsx?$/.test(f));
    assert.ok(routeFiles.length > 20, 'the route files are found');
    const plugins = routeFiles.flatMap((f) =>
      routePlugins(f, readFileSync(f, 'utf8')).map((p) => ({
        key: `${relative(root, f)} ${p.name}`,
        lines: p.lines,
      })),
    );
    assert.ok(plugins.length >= routeFiles.length, 'each route file has its plugin found');
    const { tooLong, splitSince } = againstList(
      plugins.filter((p) => p.lines > ROUTE_PLUGIN_MAX_LINES),
      [...NOT_YET_SPLIT].filter((key) => key.includes('.routes.')),
    );
    assert.deepEqual(tooLong, [], 'split these by page');
    assert.deepEqual(splitSince, [], 'within the limit now: take these off NOT_YET_SPLIT');
  });

  it(`keeps every view file within ${VIEW_FILE_MAX_LINES} lines`, () => {
    const views = files.filter((f) => /\.view\.tsx$|views\/.*\.tsx$/.test(f) && !f.endsWith('.test.tsx'));
    assert.ok(views.length > 20, 'the view files are found');
    const { tooLong, splitSince } = againstList(
      views
        .map((f) => ({ key: relative(root, f), lines: readFileSync(f, 'utf8').split('\n').length }))
        .filter((v) => v.lines > VIEW_FILE_MAX_LINES),
      [...NOT_YET_SPLIT].filter((key) => key.endsWith('.tsx')),
    );
    assert.deepEqual(tooLong, [], 'split these by page');
    assert.deepEqual(splitSince, [], 'within the limit now: take these off NOT_YET_SPLIT');
  });
});

describe('finding route plugins', () => {
  it('counts exported functions and arrows, and not a helper of the file', () => {
    const text = [
      "import type { FastifyInstance, FastifyPluginAsync } from 'fastify';",
      'export async function aRoutes(app: FastifyInstance) {',
      "  app.get('/a', async () => 'a');",
      '}',
      "export const bRoutes: FastifyPluginAsync = async (app) => { app.get('/b', async () => 'b'); };",
      'export const cRoutes = async (app: FastifyInstance): Promise<void> => {',
      "  app.get('/c', async () => 'c');",
      '};',
      'function helper(x: number) {',
      '  return x;',
      '}',
    ].join('\n');
    assert.deepEqual(routePlugins('x.routes.tsx', text), [
      { name: 'aRoutes', lines: 3 },
      { name: 'bRoutes', lines: 1 },
      { name: 'cRoutes', lines: 3 },
    ]);
  });
});
