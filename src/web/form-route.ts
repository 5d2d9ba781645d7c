/**
 * One way to handle a form post (issue 16): read the body once, validate it with the page's one zod
 * schema into the GOV.UK error list, then either show the page again with what was typed (422) or
 * save and redirect (303, post/redirect/get). What the form showed for the conflict rule rides along
 * in its hidden field (see form-version.ts); a form refused because the session ended is kept by the
 * auth plugin and given back by `takePendingForm` (pending-form.ts).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { errorsFromZod, type FormErrors } from '../views/form-errors.ts';
import type { PageBody } from '../views/page-parts.ts';

/** A posted form's fields (urlencoded: strings, or lists of strings for repeated names). */
export type FormBody = Record<string, unknown>;

/** The posted form, read once: an empty form when nothing (or not a form) was posted. */
export function formBody(request: FastifyRequest): FormBody {
  const body = request.body;
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as FormBody) : {};
}

/** A text field as typed ('' when absent; the last of repeated ones), with browser line endings. */
export function textField(body: FormBody, name: string): string {
  const v = body[name];
  const last = Array.isArray(v) ? v[v.length - 1] : v;
  return typeof last === 'string' ? last.replace(/\r\n?/g, '\n') : '';
}

/** Every value of a repeated field (checkboxes), without blanks. */
export function listField(body: FormBody, name: string): string[] {
  const v = body[name];
  return (Array.isArray(v) ? v : [v]).filter((x): x is string => typeof x === 'string' && x !== '');
}

export type Validation<V> = { ok: true; values: V } | { ok: false; errors: FormErrors };

/**
 * Validates a form's state with its schema. Every issue is reported at once, each linking to its
 * field: `fieldId` maps a dotted path to the element id (a date's first box, say).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  state: unknown,
  fieldId?: (path: string) => string,
): Validation<z.output<S>> {
  const parsed = schema.safeParse(state);
  return parsed.success
    ? { ok: true, values: parsed.data }
    : { ok: false, errors: errorsFromZod(parsed.error, fieldId) };
}

export interface FormRoute<State, Values> {
  /** What was typed, as the page shows it again. */
  state: (body: FormBody) => State;
  /** The page's one schema (over the state), or a function doing the same for rules zod cannot see. */
  schema: z.ZodType<Values, State> | ((state: State) => Validation<Values> | Promise<Validation<Values>>);
  fieldId?: (path: string) => string;
  /** Shows the page again with what was typed and its errors (sent with 422). */
  invalid: (state: State, errors: FormErrors, body: FormBody) => PageBody | Promise<PageBody>;
  /**
   * Saves, and gives the address to go to (303). It may instead refuse with errors found only
   * while saving (a name already taken), shown like the schema's, or answer with another page (the
   * conflict page, 409), saving nothing.
   */
  save: (
    values: Values,
    body: FormBody,
  ) => Promise<string | { errors: FormErrors } | { page: PageBody; status: number }>;
}

/** Handles one form post from start to end. */
export async function handleForm<State, Values>(
  request: FastifyRequest,
  reply: FastifyReply,
  route: FormRoute<State, Values>,
): Promise<FastifyReply> {
  const body = formBody(request);
  const state = route.state(body);
  const checked =
    typeof route.schema === 'function'
      ? await route.schema(state)
      : validate(route.schema as z.ZodType<Values>, state, route.fieldId);
  const refuse = async (errors: FormErrors) => reply.html(await route.invalid(state, errors, body), 422);
  if (!checked.ok) return refuse(checked.errors);
  const outcome = await route.save(checked.values, body);
  if (typeof outcome !== 'string')
    return 'errors' in outcome ? refuse(outcome.errors) : reply.html(outcome.page, outcome.status);
  return reply.redirect(outcome, 303);
}
