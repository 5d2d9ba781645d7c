/**
 * Email through the job queue, over real SMTP (a local smtp-server on a loopback port) and to a
 * fake GOV.UK Notify on loopback. Jobs are driven one by one with `runQueuedJobs`, so retries
 * happen when the test says, whatever their backoff.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, beforeEach, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../../src/db/client.ts';
import { outgoingMail } from '../../src/db/schema.ts';
import {
  createJobQueue,
  type JobQueue,
  runQueuedJobs,
  startJobQueue,
  workOn,
} from '../../src/jobs/job-queue.ts';
import { JOB_QUEUES, stopWorkers } from '../../src/jobs/workers.ts';
import { FixedClock } from '../../src/lib/clock.ts';
import {
  createMailer,
  MAIL_QUEUE,
  type Mailer,
  mailDeliveryHandler,
  mailQueue,
  smtpTransport,
  type Transport,
} from '../../src/mail/mailer.ts';
import { notifyTransport } from '../../src/mail/notify.ts';
import { TEST_NOW } from '../helpers/test-app.ts';
import { openTestDatabase } from '../helpers/test-database.ts';

interface Received {
  from: string;
  to: string[];
  data: string;
}

async function mailRow(database: Database, to: string) {
  const [row] = await database.db.select().from(outgoingMail).where(eq(outgoingMail.to, to));
  assert.ok(row, `a message to ${to} is recorded`);
  return row;
}

describe('email through the job queue', () => {
  let database: Database;
  let queue: JobQueue;
  const clock = new FixedClock(TEST_NOW);

  before(async () => {
    database = await openTestDatabase();
    queue = createJobQueue(database, { schedule: false, supervise: false });
    await startJobQueue(queue, JOB_QUEUES);
  });
  after(async () => {
    await stopWorkers(queue);
    await database.close();
  });

  // Notify first: the last SMTP test starts the workers, and pg-boss stops a worker without waiting
  // for a fetch already under way, which can take the next test's job (with the SMTP handler). Nothing
  // after it sends mail.
  describe('through GOV.UK Notify', () => {
    const serviceId = '26785a09-ab16-4eb0-8407-a37497a57506';
    const secretKey = '3d844edf-8d35-48ac-975b-e847b4f122b0';
    const apiKey = `section11_test-${serviceId}-${secretKey}`;
    const templateId = 'f33517ff-2a88-4f6e-b855-c550268ce08a';
    let server: Server;
    let answer = 201;
    const requests: Array<{ path: string; authorization: string; body: Record<string, unknown> }> = [];
    let mailer: Mailer;
    let handle: ReturnType<typeof mailDeliveryHandler>;

    before(async () => {
      server = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          requests.push({
            path: req.url ?? '',
            authorization: String(req.headers.authorization ?? ''),
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          });
          res.writeHead(answer, { 'content-type': 'application/json' });
          res.end(
            answer === 201
              ? JSON.stringify({ id: 'n-1' })
              : JSON.stringify({
                  errors: [{ error: 'BadRequestError', message: 'Not a valid email address' }],
                }),
          );
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const { port } = server.address() as AddressInfo;
      const transport = notifyTransport({
        apiKey,
        templateId,
        baseUrl: `http://127.0.0.1:${port}`,
        now: () => clock.now(),
      });
      mailer = createMailer(database.db, clock, transport, queue);
      handle = mailDeliveryHandler({ db: database.db, clock, transport });
    });
    after(async () => new Promise<void>((resolve) => server.close(() => resolve())));
    beforeEach(() => {
      requests.length = 0;
      answer = 201;
    });

    it('posts the email with the generic template, authorised by a signed token', async () => {
      await mailer.send({ to: 'notify@agency.test', subject: 'Audit open', text: 'Line one\nLine two' });
      assert.equal((await mailRow(database, 'notify@agency.test')).transport, 'notify');
      assert.deepEqual(await runQueuedJobs(queue, MAIL_QUEUE, handle), { ran: 1, failed: 0 });
      assert.equal(requests.length, 1);
      const request = requests[0]!;
      assert.equal(request.path, '/v2/notifications/email');
      assert.deepEqual(request.body, {
        email_address: 'notify@agency.test',
        template_id: templateId,
        personalisation: { subject: 'Audit open', body: 'Line one\nLine two' },
      });
      const [scheme, token] = request.authorization.split(' ');
      assert.equal(scheme, 'Bearer');
      const [header, payload, signature] = token!.split('.');
      assert.deepEqual(JSON.parse(Buffer.from(header!, 'base64url').toString()), {
        typ: 'JWT',
        alg: 'HS256',
      });
      assert.deepEqual(JSON.parse(Buffer.from(payload!, 'base64url').toString()), {
        iss: serviceId,
        iat: Math.floor(TEST_NOW.getTime() / 1000),
      });
      const expected = createHmac('sha256', secretKey).update(`${header}.${payload}`).digest('base64url');
      assert.equal(signature, expected, 'signed with the secret part of the key');
      assert.equal((await mailRow(database, 'notify@agency.test')).status, 'sent');
    });

    it('retries when Notify is unavailable, and fails at once a message Notify refuses', async () => {
      answer = 503;
      await mailer.send({ to: 'later@agency.test', subject: 'Reminder', text: 'Due' });
      assert.deepEqual(await runQueuedJobs(queue, MAIL_QUEUE, handle), { ran: 1, failed: 1 });
      const waiting = await mailRow(database, 'later@agency.test');
      assert.equal(waiting.status, 'queued');
      assert.match(waiting.error ?? '', /GOV.UK Notify answered 503/);
      answer = 201;
      await runQueuedJobs(queue, MAIL_QUEUE, handle);
      assert.equal((await mailRow(database, 'later@agency.test')).status, 'sent');

      answer = 400;
      await mailer.send({ to: 'bad@agency.test', subject: 'Reminder', text: 'Due' });
      assert.deepEqual(await runQueuedJobs(queue, MAIL_QUEUE, handle), { ran: 1, failed: 0 });
      const refused = await mailRow(database, 'bad@agency.test');
      assert.equal(refused.status, 'failed');
      assert.equal(refused.attempts, 1);
      assert.match(refused.error ?? '', /Not a valid email address/);
      assert.equal((await runQueuedJobs(queue, MAIL_QUEUE, handle)).ran, 0, 'not retried');
    });
  });

  describe('over SMTP', () => {
    let smtp: SMTPServer;
    let transport: Transport;
    let mailer: Mailer;
    let handle: ReturnType<typeof mailDeliveryHandler>;
    const received: Received[] = [];
    let refusals = 0;
    let onReceived: ((r: Received) => void) | null = null;

    before(async () => {
      smtp = new SMTPServer({
        authOptional: true,
        disabledCommands: ['STARTTLS', 'AUTH'],
        logger: false,
        onMailFrom(_address, _session, callback) {
          if (refusals === 0) return callback();
          refusals--;
          const error = new Error('Mailbox busy, try again later') as Error & { responseCode: number };
          error.responseCode = 451;
          return callback(error);
        },
        onData(stream, session, callback) {
          const chunks: Buffer[] = [];
          stream.on('data', (c: Buffer) => chunks.push(c));
          stream.on('end', () => {
            const r: Received = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((a) => a.address),
              data: Buffer.concat(chunks).toString('utf8'),
            };
            received.push(r);
            onReceived?.(r);
            callback();
          });
        },
      });
      await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
      const { port } = smtp.server.address() as AddressInfo;
      transport = smtpTransport(`smtp://127.0.0.1:${port}`, 'Section 11 Audit <no-reply@section11.test>');
      mailer = createMailer(database.db, clock, transport, queue);
      handle = mailDeliveryHandler({ db: database.db, clock, transport });
    });
    after(async () => {
      transport.close?.();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    });
    beforeEach(() => {
      received.length = 0;
      refusals = 0;
    });

    it('records the message as queued, then the job delivers it and records it sent', async () => {
      await mailer.send({ to: 'lead@agency.test', subject: 'Your return', text: 'Start the return: link' });
      const queued = await mailRow(database, 'lead@agency.test');
      assert.equal(queued.status, 'queued');
      assert.equal(queued.transport, 'smtp');
      assert.equal(queued.attempts, 0);
      assert.equal(received.length, 0, 'nothing is delivered before the job runs');

      assert.deepEqual(await runQueuedJobs(queue, MAIL_QUEUE, handle), { ran: 1, failed: 0 });
      assert.equal(received.length, 1);
      assert.deepEqual(received[0]!.to, ['lead@agency.test']);
      assert.equal(received[0]!.from, 'no-reply@section11.test');
      assert.match(received[0]!.data, /Subject: Your return/);
      assert.match(received[0]!.data, /Start the return: link/);
      const sent = await mailRow(database, 'lead@agency.test');
      assert.equal(sent.status, 'sent');
      assert.equal(sent.attempts, 1);
      assert.deepEqual(sent.sentAt, TEST_NOW);
      assert.equal((await runQueuedJobs(queue, MAIL_QUEUE, handle)).ran, 0, 'the job is done');
    });

    it('keeps a message the server refuses at first and delivers it on the retry', async () => {
      refusals = 1;
      await mailer.send({ to: 'retry@agency.test', subject: 'Reminder', text: 'Due soon' });
      assert.deepEqual(await runQueuedJobs(queue, MAIL_QUEUE, handle), { ran: 1, failed: 1 });
      const waiting = await mailRow(database, 'retry@agency.test');
      assert.equal(waiting.status, 'queued');
      assert.equal(waiting.attempts, 1);
      assert.match(waiting.error ?? '', /Mailbox busy, try again later/);
      assert.equal(received.length, 0);

      assert.deepEqual(await runQueuedJobs(queue, MAIL_QUEUE, handle), { ran: 1, failed: 0 });
      assert.equal(received.length, 1);
      assert.deepEqual(received[0]!.to, ['retry@agency.test']);
      const sent = await mailRow(database, 'retry@agency.test');
      assert.equal(sent.status, 'sent');
      assert.equal(sent.attempts, 2);
    });

    it('marks a message failed after the last retry, with every attempt and the last error', async () => {
      const attempts = (mailQueue.options.retryLimit ?? 0) + 1;
      refusals = attempts;
      await mailer.send({ to: 'down@agency.test', subject: 'Overdue', text: 'Overdue' });
      for (let i = 0; i < attempts; i++) {
        const run = await runQueuedJobs(queue, MAIL_QUEUE, handle);
        assert.equal(run.ran, 1, `attempt ${i + 1} runs`);
      }
      const failed = await mailRow(database, 'down@agency.test');
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts, attempts);
      assert.match(failed.error ?? '', /Mailbox busy/);
      assert.equal((await runQueuedJobs(queue, MAIL_QUEUE, handle)).ran, 0, 'no more attempts');
      assert.equal(received.length, 0);
    });

    it('is delivered by the running workers', async () => {
      const arrived = new Promise<Received>((resolve) => {
        onReceived = resolve;
      });
      // The worker's job ends once it has recorded the outcome, just after the server accepts the
      // message: the test waits for that, however long a loaded machine takes (not a fixed time).
      let jobsDone: (error?: unknown) => void = () => {};
      const recorded = new Promise<unknown>((resolve) => {
        jobsDone = resolve;
      });
      await workOn(
        queue,
        {
          [MAIL_QUEUE]: async (job) => {
            try {
              await handle(job);
              jobsDone();
            } catch (error) {
              jobsDone(error);
              throw error;
            }
          },
        },
        { pollingIntervalSeconds: 0.5 },
      );
      try {
        await mailer.send({ to: 'worker@agency.test', subject: 'From the worker', text: 'Hello' });
        const r = await arrived;
        assert.deepEqual(r.to, ['worker@agency.test']);
        assert.equal(await recorded, undefined, 'the job records the outcome without an error');
        const row = await mailRow(database, 'worker@agency.test');
        assert.equal(row.status, 'sent');
        assert.equal(row.attempts, 1);
      } finally {
        onReceived = null;
        await queue.offWork(MAIL_QUEUE);
      }
    });
  });
});
