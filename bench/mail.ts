/**
 * Mail delivery figures: a backlog of messages queued at once (an audit's invitations) delivered by
 * the running mail workers, as the server starts them, over SMTP to a local smtp-server sink on
 * loopback; and how long a sign-in link asked for behind that backlog takes to reach the server.
 * Measured with a sink that answers at once and with one that takes 50 ms over each message, as a
 * real relay may.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { openDatabase } from '../src/db/client.ts';
import { createJobQueue, startJobQueue, workOn } from '../src/jobs/job-queue.ts';
import { JOB_QUEUES, stopWorkers, WORKER_CONCURRENCY } from '../src/jobs/workers.ts';
import { systemClock } from '../src/lib/clock.ts';
import { createMailer, MAIL_QUEUE, mailDeliveryHandler, smtpTransport } from '../src/mail/mailer.ts';

export interface MailFigures {
  messages: number;
  serverDelayMs: number;
  seconds: number;
  messagesPerSecond: number;
  /** Seconds from asking for a sign-in link, queued behind the backlog, to the server taking it. */
  signInLinkSeconds: number;
}

export async function benchMail(options: {
  databaseUrl: string | undefined;
  messages: number;
  serverDelayMs: number;
}): Promise<MailFigures> {
  const received: string[] = [];
  let signInLinkAt = 0;
  let done: () => void = () => {};
  const allDone = new Promise<void>((resolve) => {
    done = resolve;
  });
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () =>
        setTimeout(() => {
          const to = session.envelope.rcptTo[0]?.address ?? '';
          received.push(to);
          if (to === 'sign-in@bench.test') signInLinkAt = performance.now();
          if (received.length === options.messages + 1) done();
          callback();
        }, options.serverDelayMs),
      );
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const transport = smtpTransport(
    `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`,
    'Bench <bench@section11.test>',
  );
  const database = await openDatabase({ databaseUrl: options.databaseUrl });
  await database.migrate();
  const queue = createJobQueue(database, { schedule: false, supervise: false });
  await startJobQueue(queue, JOB_QUEUES);
  await queue.purgeQueue(MAIL_QUEUE);
  const mailer = createMailer(database.db, systemClock, transport, queue);
  for (let i = 0; i < options.messages; i++)
    await mailer.send({ to: `agency-${i}@bench.test`, subject: 'Audit open', text: 'Start your return.' });
  const started = performance.now();
  await workOn(
    queue,
    { [MAIL_QUEUE]: mailDeliveryHandler({ db: database.db, clock: systemClock, transport }) },
    { concurrency: WORKER_CONCURRENCY },
  );
  const askedAt = performance.now();
  await mailer.send({ to: 'sign-in@bench.test', subject: 'Sign in', text: 'link', priority: 'urgent' });
  await allDone;
  const seconds = (performance.now() - started) / 1000;
  transport.close?.();
  await stopWorkers(queue);
  await database.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  return {
    messages: options.messages + 1,
    serverDelayMs: options.serverDelayMs,
    seconds: Math.round(seconds * 100) / 100,
    messagesPerSecond: Math.round((options.messages + 1) / seconds),
    signInLinkSeconds: Math.round((signInLinkAt - askedAt) / 10) / 100,
  };
}
