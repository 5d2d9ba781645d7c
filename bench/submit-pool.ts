/**
 * The returns the submit scenario submits, one a request (a return submits once), for
 * bench/national-server.ts. Made by SQL from the national data: returns already submitted in the
 * open audits of the other partnerships (complete, with their details and sign-off; the largest
 * partnership's audit, which the other scenarios read, is left alone) are put back to in progress,
 * and a benchmark user is made the lead of their agencies. `restore` puts each back as it was
 * (status, reference, when and by whom submitted) and takes the benchmark user's roles away; the
 * history and queued mail submitting added stay (both tables are append-only). What they were is
 * also written to a file of the temporary folder until then, so a run stopped before putting them
 * back has them put back by the next.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '../src/db/client.ts';
import { queryRows } from '../src/db/client.ts';

export const SUBMITTER = 'bench.submitter@national.example';

interface Original {
  id: string;
  status: string;
  reference: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  last_activity_at: string | null;
}

export interface SubmitPool {
  returnIds: string[];
  /**
   * Puts the returns back as they were. What submitting added to the append-only history and mail
   * stays (counted), as do ratings it defaulted to red (none for a complete return).
   */
  restore(): Promise<{ restored: number; ratingsDefaulted: number; historyKept: number; mailKept: number }>;
}

/** The returns as they were, and the benchmark user's roles taken away. */
async function putBack(tx: DbOrTx, originals: Original[], userId: string): Promise<void> {
  const ids = sql`${sql.param(originals.map((o) => o.id))}::uuid[]`;
  await tx.execute(sql`update returns set reference = null where id = any(${ids})`);
  await tx.execute(
    sql`update returns r set status = o.status, reference = o.reference, submitted_at = o.submitted_at,
        submitted_by = o.submitted_by, last_activity_at = o.last_activity_at
      from json_to_recordset(${JSON.stringify(originals)}::json) as o(id uuid, status text, reference text,
        submitted_at timestamptz, submitted_by uuid, last_activity_at timestamptz)
      where r.id = o.id`,
  );
  await tx.execute(sql`delete from agency_users where user_id = ${userId}`);
}

/** `database` names the database (its URL or folder): the file of what the pool was is its own. */
export async function prepareSubmitPool(
  db: Db,
  database: string,
  size: number,
  now: Date,
): Promise<SubmitPool> {
  const nowIso = now.toISOString();
  const file = join(
    tmpdir(),
    `s11-submit-pool-${createHash('sha256').update(database).digest('hex').slice(0, 16)}.json`,
  );
  await db.execute(
    sql`insert into users (id, email, name, job_title)
      values (md5('s11-bench-submitter')::uuid, ${SUBMITTER}, 'Benchmark Submitter', 'Designated safeguarding lead')
      on conflict do nothing`,
  );
  const [user] = await queryRows<{ id: string }>(db, sql`select id from users where email = ${SUBMITTER}`);
  // Left by a run stopped before it put its pool back.
  if (existsSync(file)) {
    const left = JSON.parse(readFileSync(file, 'utf8')) as Original[];
    await db.transaction((tx) => putBack(tx, left, user!.id));
    rmSync(file);
  }
  const originals = await queryRows<Original>(
    db,
    sql`select r.id, r.status, r.reference, r.submitted_at::text, r.submitted_by, r.last_activity_at::text
      from returns r join cycles c on c.id = r.cycle_id join partnerships p on p.id = r.partnership_id
      where c.opens_at <= ${nowIso}::timestamptz and c.closes_at > ${nowIso}::timestamptz
        and r.status = 'submitted' and p.short_name <> 'nrscp'
        and r.completer_name is not null and r.completer_role is not null and r.completer_email is not null
        and r.signoff_confirmed_at is not null and r.signoff_name is not null
        and r.signoff_job_title is not null and r.signoff_date is not null
      order by r.id limit ${size}`,
  );
  const ids = originals.map((o) => o.id);
  const idArray = sql`${sql.param(ids)}::uuid[]`;
  writeFileSync(file, JSON.stringify(originals));
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`update returns set status = 'in_progress', reference = null, submitted_at = null, submitted_by = null
        where id = any(${idArray})`,
    );
    await tx.execute(
      sql`insert into agency_users (agency_id, user_id, role)
        select agency_id, ${user!.id}, 'agency_lead' from returns where id = any(${idArray})
        on conflict do nothing`,
    );
  });
  return {
    returnIds: ids,
    async restore() {
      const outcome = await db.transaction(async (tx) => {
        const [added] = await queryRows<{ history: number; defaulted: number; mail: number }>(
          tx,
          sql`select count(*)::int as history, (count(*) filter (where event = 'rating_defaulted'))::int as defaulted,
              (select count(*)::int from outgoing_mail m
                where m.created_at >= ${nowIso}::timestamptz and m.subject like 'Section 11 return %') as mail
            from return_history where return_id = any(${idArray}) and created_at >= ${nowIso}::timestamptz`,
        );
        await putBack(tx, originals, user!.id);
        return {
          restored: ids.length,
          ratingsDefaulted: added?.defaulted ?? 0,
          historyKept: added?.history ?? 0,
          mailKept: added?.mail ?? 0,
        };
      });
      rmSync(file, { force: true });
      return outcome;
    },
  };
}
