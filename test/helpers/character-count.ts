/** Assertions on the GOV.UK character count of a limited text field. */
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
      `<div id="${name}-info" class="govuk-hint govuk-character-count__message" >You can enter up to ${limit} characters</div>`,
    ),
    `${name}: the limit written in the page`,
  );
}
