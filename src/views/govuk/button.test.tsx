import { Button } from './button.tsx';
import { testAgainstFixtures } from './fixture-harness.ts';

testAgainstFixtures('button', Button);
