import { testAgainstFixtures } from './fixture-harness.ts';
import { Input } from './input.tsx';

testAgainstFixtures('input', Input);
