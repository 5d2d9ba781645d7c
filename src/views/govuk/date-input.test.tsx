import { DateInput } from './date-input.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

testAgainstFixtures('date-input', DateInput);
