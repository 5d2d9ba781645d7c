import { testAgainstFixtures } from './fixture-harness.ts';
import { Panel } from './panel.tsx';

testAgainstFixtures('panel', Panel);
