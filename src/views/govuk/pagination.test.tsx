import { testAgainstFixtures } from './fixture-harness.ts';
import { Pagination } from './pagination.tsx';

testAgainstFixtures('pagination', Pagination);
