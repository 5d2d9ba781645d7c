/**
 * A small, safe formatter for the text a partnership admin writes on its guidance and FAQ pages.
 *
 * It understands paragraphs (separated by a blank line), headings (`## ` and `### `), bulleted
 * lists (`- ` or `* `), numbered lists (`1. `), bold (`**bold**`) and links (`[text](https://…)`,
 * http, https and mailto only). Nothing else has meaning: every character typed is escaped, so no
 * HTML ever passes through, and a marker without its partner is shown as typed.
 */
import { escapeHtml } from '@kitajs/html';

type Block =
  | { kind: 'heading'; level: 2 | 3; text: string }
  | { kind: 'paragraph'; lines: string[] }
  | { kind: 'bullets' | 'numbers'; items: string[] };

const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBER = /^\s*\d{1,3}[.)]\s+(.*)$/;
const HEADING = /^(#{2,3})\s+(.*)$/;

/** Splits text into blocks, line by line. */
export function parseBlocks(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  let current: Block | null = null;
  const close = () => {
    if (current) blocks.push(current);
    current = null;
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    if (line.trim() === '') {
      close();
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      close();
      blocks.push({ kind: 'heading', level: heading[1]!.length === 2 ? 2 : 3, text: heading[2]!.trim() });
      continue;
    }
    const bullet = BULLET.exec(line);
    const number = bullet ? null : NUMBER.exec(line);
    const item = bullet ?? number;
    if (item) {
      const kind = bullet ? 'bullets' : 'numbers';
      const open = current as Block | null;
      if (open && open.kind === kind) open.items.push(item[1]!);
      else {
        close();
        current = { kind, items: [item[1]!] };
      }
      continue;
    }
    const open = current as Block | null;
    if (open && open.kind === 'paragraph') open.lines.push(line.trim());
    else if (open && (open.kind === 'bullets' || open.kind === 'numbers')) {
      // A line under a list item continues that item.
      open.items[open.items.length - 1] += ` ${line.trim()}`;
    } else {
      close();
      current = { kind: 'paragraph', lines: [line.trim()] };
    }
  }
  close();
  return blocks;
}

const LINK = /\[([^\]\n]+)\]\(([^()\s]+)\)/g;

/** The address if it is an http(s) or mailto link we will render, otherwise null. */
export function safeHref(address: string): string | null {
  if (/^mailto:[^\s<>"'`]+@[^\s<>"'`]+$/i.test(address)) return address;
  if (!/^https?:\/\//i.test(address)) return null;
  try {
    const url = new URL(address);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Links within a run of text; everything else escaped. */
function renderLinks(text: string): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const href = safeHref(match[2]!);
    if (!href) continue;
    out += escapeHtml(text.slice(last, match.index));
    out += `<a class="govuk-link" href="${escapeHtml(href)}">${escapeHtml(match[1]!)}</a>`;
    last = match.index + match[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/** Bold and links within one line or paragraph. An unpaired `**` is shown as typed. */
export function renderInline(text: string): string {
  const parts = text.split('**');
  let out = renderLinks(parts[0]!);
  for (let k = 1; k < parts.length; k += 2) {
    const inner = parts[k]!;
    const after = parts[k + 1];
    if (after === undefined) out += `**${renderLinks(inner)}`;
    else if (inner.trim() === '') out += `**${renderLinks(inner)}**${renderLinks(after)}`;
    else out += `<strong>${renderLinks(inner)}</strong>${renderLinks(after)}`;
  }
  return out;
}

function renderBlock(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 2
        ? `<h2 class="govuk-heading-m">${renderInline(block.text)}</h2>`
        : `<h3 class="govuk-heading-s">${renderInline(block.text)}</h3>`;
    case 'paragraph':
      return `<p class="govuk-body">${block.lines.map(renderInline).join('<br>')}</p>`;
    case 'bullets':
      return `<ul class="govuk-list govuk-list--bullet">${block.items.map((i) => `<li>${renderInline(i)}</li>`).join('')}</ul>`;
    case 'numbers':
      return `<ol class="govuk-list govuk-list--number">${block.items.map((i) => `<li>${renderInline(i)}</li>`).join('')}</ol>`;
  }
}

/** The text as GOV.UK-styled HTML. Safe to insert into a page: nothing typed is left unescaped. */
export function renderSimpleFormat(source: string): string {
  return parseBlocks(source).map(renderBlock).join('\n');
}

export interface FaqEntry {
  question: string;
  /** The answer's HTML, rendered safely. */
  answerHtml: string;
}

/**
 * An FAQ document: any text before the first `## ` line is its introduction; each `## ` line is a
 * question, answered by the text under it up to the next one.
 */
export function renderFaq(source: string): { introHtml: string; entries: FaqEntry[] } {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const intro: string[] = [];
  const entries: Array<{ question: string; lines: string[] }> = [];
  for (const line of lines) {
    const m = /^##\s+(.*)$/.exec(line.trimEnd());
    if (m && !line.startsWith('###')) entries.push({ question: m[1]!.trim(), lines: [] });
    else if (entries.length) entries[entries.length - 1]!.lines.push(line);
    else intro.push(line);
  }
  return {
    introHtml: renderSimpleFormat(intro.join('\n')),
    entries: entries.map((e) => ({
      question: e.question.replaceAll('**', ''),
      answerHtml: renderSimpleFormat(e.lines.join('\n')),
    })),
  };
}
