/** Shared helpers for the GOV.UK component ports. */
import { escapeHtml } from '@kitajs/html';

export type Attributes = Record<
  string,
  string | number | boolean | undefined | null | { value: unknown; optional?: boolean }
>;

/** Renders GOV.UK Frontend's `attributes` option (as its `govukAttributes` macro does), escaped. */
export function renderAttributes(attributes: Attributes | undefined): string {
  if (!attributes) return '';
  let out = '';
  for (const [name, raw] of Object.entries(attributes)) {
    const { value, optional } =
      raw !== null && typeof raw === 'object'
        ? (raw as { value: unknown; optional?: boolean })
        : { value: raw, optional: false };
    if (optional && (value === false || value === undefined || value === null)) continue;
    if (optional && value === true) {
      out += ` ${escapeHtml(name)}`;
      continue;
    }
    out += ` ${escapeHtml(name)}="${escapeHtml(String(value ?? ''))}"`;
  }
  return out;
}

/** Joins class names, dropping empty ones. */
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
