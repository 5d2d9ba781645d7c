import { testAgainstFixtures } from './fixture-harness.ts';
import { Hint } from './hint.tsx';

testAgainstFixtures('hint', Hint);
