/**
 * A component's markup compiled for one shape. The component is rendered once with a marker in place
 * of each free-text value, and the HTML is split around the markers; filling it escapes each value
 * (as our components do with `escapeHtml`) and joins the pieces. The result is the same HTML as
 * rendering the component, for the cost of joining strings: this is what makes a 15-question theme
 * page cheap to serve. A property test checks the equality (src/features/returns/theme-questions.test.ts).
 *
 * Only values that the component prints (escaped) and never inspects can be slots: anything that
 * changes the structure (a checked option, an error) belongs to the shape, which the caller keys.
 */
import { escapeHtml } from '@kitajs/html';

/** Information separator one: no template text or markup of ours contains it. */
const MARK = '\u001f';

export interface CompiledTemplate {
  /** Static HTML around the slots: one more than `slots`. */
  chunks: string[];
  /** For each gap between chunks, which value goes there. */
  slots: number[];
}

/**
 * Renders `render` with markers for `slotCount` values and splits it. Null when the markup cannot be
 * split safely (the static text itself holds the marker character, or a value was transformed).
 */
export function compileTemplate(
  slotCount: number,
  render: (marks: string[]) => string,
): CompiledTemplate | null {
  const blanks = Array.from({ length: slotCount }, () => '');
  const empty = render(blanks);
  if (empty.includes(MARK)) return null;
  const marks = Array.from({ length: slotCount }, (_, i) => `${MARK}${i}${MARK}`);
  const parts = render(marks).split(MARK);
  if (parts.length % 2 === 0) return null;
  const chunks: string[] = [];
  const slots: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) {
      chunks.push(part);
      continue;
    }
    const slot = Number(part);
    if (!/^\d+$/.test(part) || slot >= slotCount) return null;
    slots.push(slot);
  }
  const template = { chunks, slots };
  // A value the component does not print (a date for a Yes/No question) simply has no slot. But a
  // component whose markup depends on a value (a paragraph only when it is not empty) cannot be
  // compiled: filled with empty values, the template must give exactly what the component gives.
  return fillTemplate(template, blanks) === empty ? template : null;
}

export function fillTemplate(template: CompiledTemplate, values: readonly string[]): string {
  const { chunks, slots } = template;
  let html = chunks[0]!;
  for (let i = 0; i < slots.length; i++) html += escapeHtml(values[slots[i]!]) + chunks[i + 1]!;
  return html;
}
