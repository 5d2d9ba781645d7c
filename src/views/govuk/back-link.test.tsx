import { BackLink } from './back-link.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

testAgainstFixtures('back-link', BackLink);
