/** Raising a challenge: what it is about (a theme, or the return as a whole) and the question. */
import { z } from 'zod';
import { requiredText } from '../../../web/form-fields.ts';
import { type FormBody, textField } from '../../../web/form-route.ts';
import { themeChoice } from '../review-fields.ts';

export const CHALLENGE_MAX = 5000;

export interface ChallengeState {
  themeId: string;
  body: string;
}

export const challengeState = (body: FormBody): ChallengeState => ({
  themeId: textField(body, 'themeId'),
  body: textField(body, 'body'),
});

export const challengeSchema = (themeIds: readonly string[]) =>
  z.object({
    themeId: themeChoice(themeIds),
    body: requiredText('Enter your challenge question or comment', CHALLENGE_MAX, 'Your challenge'),
  });
