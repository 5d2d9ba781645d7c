import { testAgainstFixtures } from './fixture-harness.ts';
import { Radios } from './radios.tsx';

testAgainstFixtures('radios', Radios);
