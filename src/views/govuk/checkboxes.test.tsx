import { Checkboxes } from './checkboxes.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

testAgainstFixtures('checkboxes', Checkboxes);
