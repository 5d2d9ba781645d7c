/** Names for downloaded files: plain ASCII, safe inside a Content-Disposition header. */
export function downloadName(kind: string, title: string, ext: string, suffix?: string | null): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `${kind}-${slug || 'download'}${suffix ? `-${suffix.replace(/[^A-Za-z0-9-]/g, '')}` : ''}.${ext}`;
}

/** The Content-Disposition header for a download. */
export function attachment(fileName: string): string {
  return `attachment; filename="${fileName}"`;
}
