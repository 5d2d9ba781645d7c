import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Rag, Response } from '../../db/schema.ts';
import { decodeSelf, encodeResponses, encodeSelf, responseAt, shapeOf } from './return-grade-codes.ts';

const structure = {
  themes: [
    { id: 't1', questions: [{ id: 'q1' }, { id: 'q2' }] },
    { id: 't2', questions: [{ id: 'q3' }] },
    { id: 't3', questions: [{ id: 'q4' }, { id: 'q5' }] },
  ],
};

describe('grade letters', () => {
  it('give back the grades of the themes that apply, and each question’s counted response by its place', () => {
    const self = new Map<string, Rag>([
      ['t1', 'amber'],
      ['t2', 'red'],
      ['t3', 'green'],
    ]);
    const responses = new Map<string, Response>([
      ['q1', 'fully_met'],
      ['q3', 'no'],
      ['q4', 'not_met'],
      ['q5', 'na'],
    ]);
    const selfCodes = encodeSelf(structure, self);
    const responseCodes = encodeResponses(structure, responses);
    assert.equal(selfCodes.length, 3);
    assert.equal(responseCodes.length, 5);
    assert.deepEqual(decodeSelf(structure, ['t1', 't3'], selfCodes), { t1: 'amber', t3: 'green' });
    assert.deepEqual(decodeSelf(structure, [], selfCodes), {});
    assert.deepEqual(
      [0, 1, 2, 3, 4].map((i) => responseAt(responseCodes, i)),
      ['fully_met', undefined, 'no', 'not_met', 'na'],
    );
  });

  it('name a different shape when a question is added, moved or taken away', () => {
    const shape = shapeOf(structure);
    assert.equal(shapeOf(structure), shape);
    const moved = { themes: [structure.themes[1]!, structure.themes[0]!, structure.themes[2]!] };
    const added = { themes: [...structure.themes, { id: 't4', questions: [{ id: 'q6' }] }] };
    const fewer = { themes: [{ id: 't1', questions: [{ id: 'q1' }] }, ...structure.themes.slice(1)] };
    assert.equal(new Set([shape, shapeOf(moved), shapeOf(added), shapeOf(fewer)]).size, 4);
  });
});
