import { testAgainstFixtures } from './fixture-harness.ts';
import { Select } from './select.tsx';

testAgainstFixtures('select', Select);
