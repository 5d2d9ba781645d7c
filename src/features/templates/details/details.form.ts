/**
 * The draft's details form: the template's name and description (only while the template has no
 * other version: they are shared by all) and the grade descriptors. One zod schema.
 */
import { z } from 'zod';
import type { GradeDescriptorsJson } from '../../../db/schema.ts';
import { type FormBody, textField } from '../../../web/form-route.ts';
import { descriptor, limitedText, templateName } from '../authoring/form-fields.ts';
import { LIMITS } from '../draft-rules.ts';

/** The details as typed, and as the draft holds them: what the form shows, and what a save is merged with. */
export interface DetailsState {
  name: string;
  description: string;
  red: string;
  amber: string;
  green: string;
}

export const detailsState = (body: FormBody): DetailsState => ({
  name: textField(body, 'name'),
  description: textField(body, 'description'),
  red: textField(body, 'red'),
  amber: textField(body, 'amber'),
  green: textField(body, 'green'),
});

export const detailsOf = (draft: {
  templateName: string;
  templateDescription: string;
  gradeDescriptors: GradeDescriptorsJson;
}): DetailsState => ({
  name: draft.templateName,
  description: draft.templateDescription,
  ...draft.gradeDescriptors,
});

export type DetailsFormValues = Omit<DetailsState, 'name' | 'description'> & {
  name: string | undefined;
  description: string | undefined;
};

/** Left as they are: not part of the form while the template has other versions. */
const kept = z.string().transform((): string | undefined => undefined);

/**
 * With `nameEditable` false (the template has other versions), the name and description are not
 * part of the form: the values keep them as they are (`undefined`).
 */
export const detailsSchema = (nameEditable: boolean): z.ZodType<DetailsFormValues, DetailsState> =>
  z.object({
    name: nameEditable ? templateName : kept,
    description: nameEditable ? limitedText(LIMITS.templateDescription, 'The description') : kept,
    red: descriptor('red'),
    amber: descriptor('amber'),
    green: descriptor('green'),
  });
