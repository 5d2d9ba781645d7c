import { testAgainstFixtures } from './fixture-harness.ts';
import { SkipLink } from './skip-link.tsx';

testAgainstFixtures('skip-link', SkipLink);
