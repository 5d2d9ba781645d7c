import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { devMailIds, waitForSignInToken } from './dev-mail-link.ts';

const ID = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const row = (n: number, to: string) =>
  `<tr class="govuk-table__row"><td><a href="/dev/mail/${ID(n)}">Mail</a></td><td>${to}</td></tr>`;

describe('the sign-in link in the development mailbox', () => {
  it('lists the mails, or those sent to one address', () => {
    const page = `<table>${row(3, 'a@x.example')}${row(2, 'b@x.example')}${row(1, 'a@x.example')}</table>`;
    assert.deepEqual(devMailIds(page), [ID(3), ID(2), ID(1)]);
    assert.deepEqual(devMailIds(page, 'a@x.example'), [ID(3), ID(1)]);
  });

  it('reads past a notice that arrived first to the mail holding the link', async () => {
    const mails: Record<string, string> = {
      [ID(1)]: 'An old link /sign-in/link/old-token',
      [ID(2)]: 'Your return is due next week',
      [ID(3)]: 'Sign in: http://localhost/sign-in/link/new-token',
    };
    const read = async (path: string) =>
      path === '/dev/mail'
        ? // Newest first: the link came after the notice.
          `<table>${row(3, 'a@x.example')}${row(2, 'a@x.example')}${row(1, 'a@x.example')}</table>`
        : mails[path.slice('/dev/mail/'.length)]!;
    assert.equal(await waitForSignInToken(read, new Set([ID(1)]), { tries: 1, waitMs: 0 }), 'new-token');
    assert.equal(
      await waitForSignInToken(read, new Set([ID(1), ID(3)]), { tries: 2, waitMs: 0 }),
      undefined,
      'no new mail holds a link',
    );
  });
});
