/** Signing in for the benchmarks, in process, through the sign-in link the (unsent) mail holds. */
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Db } from '../src/db/client.ts';
import { outgoingMail } from '../src/db/schema.ts';
import { TestClient } from '../test/helpers/test-app.ts';

/** Signs in as `email` as a browser would; the client keeps the session's cookie. */
export async function signInByMail(app: FastifyInstance, db: Db, email: string): Promise<TestClient> {
  const client = new TestClient(app);
  await client.get('/sign-in');
  const sent = await client.post('/sign-in', { email });
  if (sent.status !== 303) throw new Error(`sign-in request failed: ${sent.status}`);
  await app.signInRequests.settled();
  const [mail] = await db
    .select({ bodyText: outgoingMail.bodyText })
    .from(outgoingMail)
    .where(eq(outgoingMail.to, email))
    .orderBy(desc(outgoingMail.seq))
    .limit(1);
  const link = /\/sign-in\/link\/([A-Za-z0-9_-]+)/.exec(mail?.bodyText ?? '')?.[1];
  if (!link) throw new Error(`no sign-in link sent to ${email}`);
  await client.get(`/sign-in/link/${link}`);
  const done = await client.post('/sign-in/link', { token: link });
  if (done.status !== 303) throw new Error(`sign-in failed: ${done.status}`);
  return client;
}
