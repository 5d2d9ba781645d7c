import { CharacterCount } from './character-count.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

testAgainstFixtures('character-count', CharacterCount);
