import { testAgainstFixtures } from './fixture-harness.ts';
import { TaskList } from './task-list.tsx';

testAgainstFixtures('task-list', TaskList);
