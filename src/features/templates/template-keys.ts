/**
 * Keys of templates, themes, questions and options: stable identifiers (kebab-case) that match
 * questions between versions. Authors may type one; left blank, it is made from the title.
 */

export const KEY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const KEY_MAX = 60;

/** The message for a key that is not in the right form, or undefined when it is. */
export function keyProblem(key: string): string | undefined {
  if (key.length > KEY_MAX) return `The key must be ${KEY_MAX} characters or fewer`;
  if (!KEY_PATTERN.test(key))
    return 'The key must use only lowercase letters, numbers and single hyphens, like "safer-recruitment"';
  return undefined;
}

/** A key made from a title: lowercase letters and numbers joined by single hyphens, or `fallback`. */
export function keyFrom(title: string, fallback: string): string {
  const key = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    // Room for a "-99" suffix.
    .slice(0, KEY_MAX - 4)
    .replace(/-+$/, '');
  return key || fallback;
}

/**
 * `key` itself if no sibling has it, otherwise the first of `key-2`, `key-3`… that is free, shortened
 * where needed so it stays within the key's length.
 */
export function uniqueKey(key: string, taken: ReadonlySet<string>): string {
  if (!taken.has(key)) return key;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${key.slice(0, KEY_MAX - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.has(candidate)) return candidate;
  }
}
