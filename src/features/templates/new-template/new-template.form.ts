/** The new-template form: a name, an optional key and an optional description. One zod schema. */
import { z } from 'zod';
import { type FormBody, textField } from '../../../web/form-route.ts';
import { keyField, keyOrMade, limitedText, templateName } from '../authoring/form-fields.ts';
import { LIMITS } from '../draft-rules.ts';

export interface NewTemplateState {
  name: string;
  key: string;
  description: string;
}

export const newTemplateState = (body: FormBody): NewTemplateState => ({
  name: textField(body, 'name'),
  key: textField(body, 'key'),
  description: textField(body, 'description'),
});

/** `takenKeys`: the keys of the partnership's templates. A blank key is made from the name. */
export const newTemplateSchema = (takenKeys: ReadonlySet<string>) =>
  z
    .object({
      name: templateName,
      key: keyField(takenKeys, 'template'),
      description: limitedText(LIMITS.templateDescription, 'The description'),
    })
    .transform((v) => ({ ...v, key: keyOrMade(v.key, v.name, 'template', takenKeys) }));

export type NewTemplateValues = z.output<ReturnType<typeof newTemplateSchema>>;
