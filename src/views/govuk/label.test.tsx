import { testAgainstFixtures } from './fixture-harness.ts';
import { Label } from './label.tsx';

testAgainstFixtures('label', Label);
