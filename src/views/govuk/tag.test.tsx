import { testAgainstFixtures } from './fixture-harness.ts';
import { Tag } from './tag.tsx';

testAgainstFixtures('tag', Tag);
