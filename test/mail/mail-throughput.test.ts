/**
 * Mail that keeps up with a backlog: the running workers deliver several messages at once over a
 * pool of SMTP connections, and a sign-in link asked for behind a backlog of bulk mail overtakes it.
 * The mail server is a local smtp-server on loopback that takes a little time over each message.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { workOn } from '../../src/jobs/job-queue.ts';
import { WORKER_CONCURRENCY } from '../../src/jobs/workers.ts';
import {
  createMailer,
  MAIL_CONCURRENCY,
  MAIL_QUEUE,
  type Mailer,
  mailDeliveryHandler,
  smtpTransport,
  type Transport,
} from '../../src/mail/mailer.ts';
import { startTestApp, type TestApp } from '../helpers/test-app.ts';

const LEAD = 'business.manager@nrscp.example';
const BACKLOG = 40;

describe('mail delivery under a backlog', () => {
  let t: TestApp;
  let smtp: SMTPServer;
  let transport: Transport;
  let bulk: Mailer;
  /** Recipients in the order the server accepted their messages. */
  const received: string[] = [];
  let inData = 0;
  let mostAtOnce = 0;
  const waiters: Array<() => void> = [];

  const until = async (done: () => boolean, what: string) => {
    const started = Date.now();
    while (!done()) {
      assert.ok(Date.now() - started < 30_000, `waited too long for ${what}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 100);
      });
    }
  };

  before(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        inData++;
        mostAtOnce = Math.max(mostAtOnce, inData);
        stream.resume();
        stream.on('end', () => {
          // A mail server takes a moment over each message.
          setTimeout(() => {
            inData--;
            received.push(...session.envelope.rcptTo.map((a) => a.address));
            for (const w of waiters.splice(0)) w();
            callback();
          }, 15);
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const { port } = smtp.server.address() as AddressInfo;
    transport = smtpTransport(`smtp://127.0.0.1:${port}`, 'Section 11 Audit <no-reply@section11.test>');
    t = await startTestApp({ queue: true, transport });
    bulk = createMailer(t.database.db, t.clock, transport, t.queue);
  });
  after(async () => {
    transport.close?.();
    await t.close();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });
  beforeEach(() => {
    received.length = 0;
    mostAtOnce = 0;
  });

  const queueBacklog = async (label: string) => {
    for (let i = 0; i < BACKLOG; i++)
      await bulk.send({ to: `${label}-${i}@agency.test`, subject: 'Audit open', text: 'Start your return' });
  };
  const askForSignInLink = async () => {
    const client = t.client();
    await client.get('/sign-in');
    assert.equal((await client.post('/sign-in', { email: LEAD })).status, 303);
    // The link is looked up and queued just after the answer (the same work for any address).
    await t.app.signInRequests.settled();
  };
  const startDelivering = () =>
    workOn(
      t.queue!,
      { [MAIL_QUEUE]: mailDeliveryHandler({ db: t.database.db, clock: t.clock, transport }) },
      { concurrency: WORKER_CONCURRENCY, pollingIntervalSeconds: 0.5 },
    );

  it('delivers a sign-in link asked for behind a queued backlog among the first messages', async () => {
    await queueBacklog('waiting');
    await askForSignInLink();
    await startDelivering();
    try {
      await until(() => received.length === BACKLOG + 1, 'every message');
      const position = received.indexOf(LEAD);
      assert.ok(position >= 0, 'the sign-in link is delivered');
      assert.ok(
        position < MAIL_CONCURRENCY,
        `the sign-in link went out ${position + 1}th, not within the first ${MAIL_CONCURRENCY}`,
      );
      assert.ok(mostAtOnce > 1, `several messages were delivered at once (at most ${mostAtOnce})`);
    } finally {
      await t.queue!.offWork(MAIL_QUEUE);
    }
  });

  it('overtakes a backlog already being delivered', async () => {
    await queueBacklog('draining');
    await startDelivering();
    try {
      await until(() => received.length >= 3, 'the backlog to start');
      await askForSignInLink();
      // Counted once the link is queued: the request itself takes a while on a loaded machine, and
      // the backlog keeps draining meanwhile.
      const deliveredBefore = received.length;
      await until(() => received.includes(LEAD), 'the sign-in link');
      const position = received.indexOf(LEAD);
      // Behind it, at most the messages already being delivered and one batch fetched meanwhile.
      assert.ok(
        position <= deliveredBefore + 2 * MAIL_CONCURRENCY,
        `the sign-in link went out after ${position} messages, queued after ${deliveredBefore}`,
      );
      assert.ok(position < BACKLOG, 'the link did not wait for the backlog');
      await until(() => received.length === BACKLOG + 1, 'the rest of the backlog');
    } finally {
      await t.queue!.offWork(MAIL_QUEUE);
    }
  });
});
