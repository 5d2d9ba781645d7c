import { testAgainstFixtures } from './fixture-harness.ts';
import { WarningText } from './warning-text.tsx';

testAgainstFixtures('warning-text', WarningText);
