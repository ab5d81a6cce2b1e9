import { sql } from "drizzle-orm";
import { rebuildAggregates } from "@/lib/aggregates";
import { recordAudit } from "@/lib/audit";
import { type Database, queryRows } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import { ensureDefaultDispositions } from "./dispositions";

const log = createLogger("dispositions");

export type DispositionCodeRow = {
  origin: string;
  code: string;
  dispositionId: number;
  disposition: string;
  /** Leads and attempts of the origin that carry the code. */
  records: number;
};

/** Every origin's codes with the disposition each maps to, by origin and
 * code, and how many records carry each. */
export async function listDispositionCodes(
  db: Database,
): Promise<DispositionCodeRow[]> {
  await ensureDefaultDispositions(db);

  return queryRows<DispositionCodeRow>(
    db,
    // Counted once for every code, then joined: a count per code (a
    // subquery per row) read both tables once for each of the codes.
    sql`with used as (
      select origin, code, sum(n) as n from (
        select origin, lower(trim(disposition_code)) as code, count(*) as n
        from leads where disposition_code is not null group by 1, 2
        union all
        select origin, lower(trim(disposition_code)), count(*)
        from attempts where disposition_code is not null group by 1, 2) u
      group by 1, 2)
    select c.origin, c.code, d.id::int as "dispositionId",
      d.name as disposition, coalesce(u.n, 0)::int as records
    from disposition_codes c join dispositions d on d.id = c.disposition_id
    left join used u on u.origin = c.origin and u.code = c.code
    order by c.origin, c.code`,
  );
}

export async function listDispositionNames(
  db: Database,
): Promise<{ id: number; name: string }[]> {
  return queryRows(
    db,
    sql`select id::int as id, name from dispositions order by id`,
  );
}

/**
 * Maps one origin's code to another disposition, records who did it, and
 * rebuilds the aggregates, whose figures read the mapping. The records keep
 * their raw code, so nothing is imported again.
 */
export async function changeDispositionCode(
  db: Database,
  actorId: number,
  change: { origin: string; code: string; dispositionId: number },
): Promise<{ from: string; to: string }> {
  const result = await db.transaction(async (tx) => {
    // Locked first, in a statement of its own, so that a second admin
    // saving the same code waits and then reads this change: the audit log
    // records each step from the value the other left. (Locking in the
    // join would recheck the changed row against the old disposition and
    // find no code.)
    await tx.execute(sql`select 1 from disposition_codes
      where origin = ${change.origin} and code = ${change.code} for update`);
    const [current] = await queryRows<{ name: string }>(
      tx,
      sql`select d.name from disposition_codes c
        join dispositions d on d.id = c.disposition_id
        where c.origin = ${change.origin} and c.code = ${change.code}`,
    );
    const [target] = await queryRows<{ name: string }>(
      tx,
      sql`select name from dispositions where id = ${change.dispositionId}`,
    );
    if (!current) throw new AppError("not_found", "There is no such code.");
    if (!target)
      throw new AppError("invalid_input", "Pick one of the dispositions.");
    if (current.name === target.name)
      return { from: current.name, to: target.name };

    await tx.execute(sql`update disposition_codes
      set disposition_id = ${change.dispositionId}
      where origin = ${change.origin} and code = ${change.code}`);
    await recordAudit(tx, {
      userId: actorId,
      action: "settings_changed",
      details: {
        setting: "disposition_code",
        origin: change.origin,
        code: change.code,
        from: current.name,
        to: target.name,
      },
    });
    await rebuildAggregates(tx);

    return { from: current.name, to: target.name };
  });
  log.info("disposition code changed", {
    origin: change.origin,
    from: result.from,
    to: result.to,
  });

  return result;
}
