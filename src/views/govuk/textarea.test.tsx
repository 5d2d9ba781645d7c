import { testAgainstFixtures } from './fixture-harness.ts';
import { Textarea } from './textarea.tsx';

testAgainstFixtures('textarea', Textarea);
