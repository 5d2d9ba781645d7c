/** A message in a challenge's thread: the agency's answer, or the partnership's follow-up. */
import { z } from 'zod';
import { requiredText } from '../../../web/form-fields.ts';
import { type FormBody, textField } from '../../../web/form-route.ts';

export const MESSAGE_MAX = 5000;

export interface MessageState {
  message: string;
}

export const messageState = (body: FormBody): MessageState => ({ message: textField(body, 'message') });

export const messageSchema = (side: 'agency' | 'partnership') =>
  z.object({
    message: requiredText(
      side === 'agency' ? 'Enter your answer' : 'Enter your follow-up question or comment',
      MESSAGE_MAX,
      side === 'agency' ? 'Your answer' : 'Your follow-up',
    ),
  });
