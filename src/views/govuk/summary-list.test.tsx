import { testAgainstFixtures } from './fixture-harness.ts';
import { SummaryList } from './summary-list.tsx';

testAgainstFixtures('summary-list', SummaryList);
