import { Breadcrumbs } from './breadcrumbs.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

testAgainstFixtures('breadcrumbs', Breadcrumbs);
