import { Details } from './details.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

testAgainstFixtures('details', Details);
