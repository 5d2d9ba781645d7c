/**
 * The layers of src/ stay layers: no import circles (a module that needs itself, however far round,
 * loads half-initialised and makes every change to one of them a change to all), and the schema and
 * the layers below the features (db, domain, views, lib) import nothing from a feature.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { after, describe, it } from 'node:test';
import ts from 'typescript';

const root = join(import.meta.dirname, '../..');

/** Every module under `dir` and the modules under `dir` it imports (type-only and dynamic imports too). */
function importGraph(dir: string): Map<string, string[]> {
  const modules = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(ts|tsx|mts|mjs)$/.test(f))
    .map((f) => join(dir, f));
  const known = new Set(modules);
  const graph = new Map<string, string[]>();
  for (const file of modules) {
    const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
    graph.set(
      file,
      importedFiles
        .map((i) => i.fileName)
        .filter((name) => name.startsWith('.'))
        .map((name) => resolve(dirname(file), name))
        .filter((target) => known.has(target)),
    );
  }
  return graph;
}

/** The import circles of a graph: its strongly connected components of more than one module, or a module importing itself. */
function importCircles(graph: Map<string, string[]>): string[][] {
  let next = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  const visit = (v: string) => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)?.includes(v)) circles.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return circles;
}

const named = (files: string[]) => files.map((f) => relative(root, f).split(sep).join('/'));

describe('imports in src/', () => {
  it('finds a circle however it is made (so the check below means something)', () => {
    const dir = mkdtempSync(join(tmpdir(), 's11-circles-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'a'));
    writeFileSync(join(dir, 'a/one.ts'), "import { two } from '../two.ts';\nexport const one = two;\n");
    writeFileSync(join(dir, 'two.ts'), "import type { Three } from './three.tsx';\nexport const two = 2;\n");
    writeFileSync(
      join(dir, 'three.tsx'),
      "export type Three = 3;\nexport const load = () => import('./a/one.ts');\n",
    );
    writeFileSync(join(dir, 'alone.ts'), "import { one } from './a/one.ts';\nexport const x = one;\n");
    const circles = importCircles(importGraph(dir));
    assert.deepEqual(
      circles.map((c) => c.map((f) => relative(dir, f).split(sep).join('/'))),
      [['a/one.ts', 'three.tsx', 'two.ts']],
    );
  });

  it('make no circle', () => {
    const circles = importCircles(importGraph(join(root, 'src')));
    assert.deepEqual(
      circles.map(named),
      [],
      'modules that import each other, however far round: move what they share down a layer',
    );
  });

  // src/web/ (what routes share: kept forms, the return a request names) sits above the features.
  it('keep the schema, the domain, the views and lib free of any feature', () => {
    const graph = importGraph(join(root, 'src'));
    const offending = [...graph]
      .filter(([file]) => /[/\\]src[/\\](db|domain|views|lib)[/\\]/.test(file) && !/\.test\.tsx?$/.test(file))
      .flatMap(([file, imports]) =>
        imports
          .filter((i) => /[/\\]src[/\\]features[/\\]/.test(i))
          .map((i) => `${named([file])} → ${named([i])}`),
      );
    assert.deepEqual(offending, []);
  });

  // The return's task list shows the review's panel: the two once imported each other sideways.
  it('keep the returns feature free of the review feature (what they share is in src/views and src/web)', () => {
    const graph = importGraph(join(root, 'src'));
    const offending = [...graph]
      .filter(([file]) => /[/\\]src[/\\]features[/\\]returns[/\\]/.test(file))
      .flatMap(([file, imports]) =>
        imports
          .filter((i) => /[/\\]src[/\\]features[/\\]review[/\\]/.test(i))
          .map((i) => `${named([file])} → ${named([i])}`),
      );
    assert.deepEqual(offending, []);
  });
});
