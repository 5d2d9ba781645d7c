import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AgencyImportRowJson } from '../../db/schema.ts';
import { checkImportRows } from './agency-import-rows.ts';

const ctx = {
  localities: [
    { id: 'l-north', name: 'Northshire' },
    { id: 'l-river', name: 'Riverside' },
  ],
  existingNames: ['Northshire Constabulary'],
};

const row = (n: number, values: Partial<AgencyImportRowJson>): AgencyImportRowJson => ({
  row: n,
  name: 'Alpha Trust',
  sector: 'Voluntary, community or faith organisation',
  basis: 'Voluntary',
  localities: 'Northshire',
  leadContactEmail: '',
  ...values,
});

describe('checking the rows of an import', () => {
  it('turns a good row into the agency it will create', () => {
    const [checked] = checkImportRows(
      [
        row(2, {
          sector: "local authority: CHILDREN'S services",
          basis: 'statutory',
          localities: 'riverside; Northshire',
          leadContactEmail: 'Lead@Alpha.example',
        }),
      ],
      ctx,
    );
    assert.deepEqual(checked?.problems, []);
    assert.deepEqual(checked?.values, {
      name: 'Alpha Trust',
      sector: 'la-childrens-services',
      basis: 'statutory',
      localityIds: ['l-river', 'l-north'],
      leadContactEmail: 'lead@alpha.example',
      codes: { odsCode: null, urn: null, companyNumber: null, charityNumber: null },
    });
  });

  it('names each problem by column', () => {
    const checked = checkImportRows(
      [
        row(2, {
          name: '',
          sector: 'Bakery',
          basis: 'maybe',
          localities: 'Atlantis',
          leadContactEmail: 'no',
        }),
        row(3, { name: 'northshire  constabulary', localities: '' }),
        row(4, { name: 'Beta' }),
        row(5, { name: 'BETA' }),
      ],
      ctx,
    );
    assert.deepEqual(
      checked[0]?.problems.map((p) => p.column),
      ['name', 'sector', 'basis', 'localities', 'leadContactEmail'],
    );
    assert.match(checked[0]!.problems[1]!.message, /“Bakery” is not a sector on the list/);
    assert.match(checked[0]!.problems[3]!.message, /“Atlantis” is not one of the partnership’s localities/);
    assert.match(checked[1]!.problems[0]!.message, /already in the partnership/);
    assert.equal(checked[1]!.problems[1]!.column, 'localities');
    assert.deepEqual(checked[2]?.problems, []);
    assert.match(checked[3]!.problems[0]!.message, /“BETA” is also on row 4 of the file/);
    assert.equal(checked[3]?.values, null);
  });
});
