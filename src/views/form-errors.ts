/**
 * Form errors in the shape the GOV.UK error summary and fields need: one list for the summary
 * (each linking to its field) and a message per field.
 */
import type { z } from 'zod';

export interface ErrorItem {
  text: string;
  href: string;
}

export interface FormErrors {
  list: ErrorItem[];
  byField: Record<string, string>;
}

export class FormErrorBuilder {
  private readonly errors: FormErrors = { list: [], byField: {} };

  /** Adds an error for `field` (its element id is `fieldId`, default the field name). First one wins. */
  add(field: string, text: string, fieldId: string = field): this {
    if (this.errors.byField[field] !== undefined) return this;
    this.errors.byField[field] = text;
    this.errors.list.push({ text, href: `#${fieldId}` });
    return this;
  }

  get hasErrors(): boolean {
    return this.errors.list.length > 0;
  }

  build(): FormErrors {
    return this.errors;
  }
}

/** One error, found while saving (a name already taken), for the field `field` (element id `fieldId`). */
export function oneError(field: string, text: string, fieldId: string = field): FormErrors {
  return { list: [{ text, href: `#${fieldId}` }], byField: { [field]: text } };
}

/** Turns every issue of a failed zod parse into errors, keyed by the dotted path of the field. */
export function errorsFromZod(error: z.ZodError, fieldId: (path: string) => string = (p) => p): FormErrors {
  const builder = new FormErrorBuilder();
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    builder.add(path, issue.message, fieldId(path));
  }
  return builder.build();
}

/** The `errorMessage` option of a GOV.UK field, or undefined. */
export function fieldError(errors: FormErrors | undefined, field: string): { text: string } | undefined {
  const text = errors?.byField[field];
  return text === undefined ? undefined : { text };
}
