import { ErrorMessage } from './error-message.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

testAgainstFixtures('error-message', ErrorMessage);
