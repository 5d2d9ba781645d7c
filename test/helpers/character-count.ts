/** Assertions on the GOV.UK character count and optional labels (issue 17), for any page's tests. */
import assert from 'node:assert/strict';

/** The character count wrapped around the field `name`, with its limit and its no-JavaScript message. */
export function assertCharacterCount(body: string, name: string, limit: number): void {
  const field = body.indexOf(`id="${name}" name="${name}"`);
  assert.ok(field > 0, `${name}: on the page`);
  const group = body.slice(body.lastIndexOf('<div class="govuk-form-group', field), field);
  assert.equal(
    /^<div class="govuk-form-group[^"]* govuk-character-count"\s+data-module="govuk-character-count" data-maxlength="(\d+)">/.exec(
      group,
    )?.[1],
    String(limit),
    `${name}: in a character count of ${limit}`,
  );
  const textarea = body.slice(body.lastIndexOf('<textarea', field), body.indexOf('>', field));
  assert.match(textarea, new RegExp(`aria-describedby="${name}-info\\b`), `${name}: described by its count`);
  assert.ok(
    body.includes(
      `<div id="${name}-info" class="govuk-hint govuk-character-count__message" >You can enter up to ${limit.toString()} characters</div>`,
    ),
    `${name}: the limit written in the page`,
  );
}

/** The label of the field with id `id` ends "(optional)". */
export function assertOptionalLabel(body: string, id: string): void {
  const label = new RegExp(`<label[^>]*for="${id}"[^>]*>([\\s\\S]*?)</label>`).exec(body);
  assert.ok(label, `${id}: has a label`);
  assert.match(label[1]!.trim(), /\(optional\)$/, `${id}: its label says (optional)`);
}
