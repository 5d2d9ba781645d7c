import { testAgainstFixtures } from './fixture-harness.ts';
import { NotificationBanner } from './notification-banner.tsx';

testAgainstFixtures('notification-banner', NotificationBanner);
