import { testAgainstFixtures } from './fixture-harness.ts';
import { Table } from './table.tsx';

testAgainstFixtures('table', Table);
