/**
 * Reading a sign-in link from the development mailbox (`/dev/mail`), for the tools that sign in as
 * a person: the spawned-server test client and the security scan. Every new mail is read, not only
 * the first: other mail (a scheduled notice, a "saved for later" note) may arrive before the link.
 */

/** The ids of the mails the mailbox page lists, newest first; with `to`, only those sent to it. */
export function devMailIds(page: string, to?: string): string[] {
  const ids: string[] = [];
  for (const row of page.split('<tr')) {
    const id = /href="\/dev\/mail\/([0-9a-f-]{36})"/.exec(row)?.[1];
    if (id && (to === undefined || row.includes(`>${to}<`))) ids.push(id);
  }
  return ids;
}

/**
 * Waits for a new mail (one not in `before`) holding a sign-in link, and gives its token; undefined
 * when none came in `tries` looks. `read` fetches a page of the app and gives its body.
 */
export async function waitForSignInToken(
  read: (path: string) => Promise<string>,
  before: ReadonlySet<string>,
  options: { to?: string; tries?: number; waitMs?: number } = {},
): Promise<string | undefined> {
  const seen = new Set(before);
  for (let tries = 0; tries < (options.tries ?? 100); tries++) {
    for (const id of devMailIds(await read('/dev/mail'), options.to).filter((m) => !seen.has(m))) {
      seen.add(id);
      const token = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(await read(`/dev/mail/${id}`))?.[1];
      if (token) return token;
    }
    await new Promise((resolve) => setTimeout(resolve, options.waitMs ?? 200));
  }
  return undefined;
}
