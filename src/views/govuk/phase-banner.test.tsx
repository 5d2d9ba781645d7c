import { testAgainstFixtures } from './fixture-harness.ts';
import { PhaseBanner } from './phase-banner.tsx';

testAgainstFixtures('phase-banner', PhaseBanner);
