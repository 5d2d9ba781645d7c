import { ErrorSummary } from './error-summary.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

testAgainstFixtures('error-summary', ErrorSummary);
