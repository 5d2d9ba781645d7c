import { testAgainstFixtures } from './fixture-harness.ts';
import { InsetText } from './inset-text.tsx';

testAgainstFixtures('inset-text', InsetText);
