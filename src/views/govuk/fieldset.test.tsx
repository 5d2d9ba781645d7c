import { Fieldset } from './fieldset.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

testAgainstFixtures('fieldset', Fieldset);
