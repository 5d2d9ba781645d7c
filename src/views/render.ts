/** Our components render synchronously; this narrows a rendered element to its string for `html` options. */
export function toHtml(element: JSX.Element): string {
  if (typeof element !== 'string') throw new Error('Expected a synchronously rendered element');
  return element;
}
