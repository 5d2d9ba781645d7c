/**
 * A table too wide for a narrow screen scrolls sideways inside this region instead of the whole page
 * (WCAG 2.2 reflow). The region is named after the table and can take keyboard focus, so a keyboard
 * user can scroll it with the arrow keys and a screen reader announces what it holds.
 */
import { type Children, escapeHtml } from '@kitajs/html';

export function TableScroll(props: { label: string; children: Children }): JSX.Element {
  const safeChildren = props.children;
  return (
    <div class="app-table-scroll" role="region" aria-label={escapeHtml(props.label)} tabindex="0">
      {safeChildren}
    </div>
  );
}
