import { testAgainstFixtures } from './fixture-harness.ts';
import { ServiceNavigation } from './service-navigation.tsx';

testAgainstFixtures('service-navigation', ServiceNavigation);
