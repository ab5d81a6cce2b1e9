import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import { createLogger } from "@/lib/log";
import { getSettings } from "@/lib/settings";

const log = createLogger("persons");

/** A lead's person key: its E.164 phone, else its e-mail trimmed and
 * lower-cased; null when it has neither, and then it belongs to no person.
 * `lead` names a row with the leads table's phone_e164 and email columns. */
export function personKeyOf(lead: string): SQL {
  const row = sql.raw(lead);

  return sql`case
    when ${row}.phone_e164 is not null then 'tel:' || ${row}.phone_e164
    when nullif(lower(trim(${row}.email)), '') is not null
      then 'mailto:' || lower(trim(${row}.email))
  end`;
}

const personKey = personKeyOf("l");

/**
 * Groups every lead into persons and marks duplicates, in three set-based
 * statements, so that it stays fast at a million leads and can run again at
 * any time: a second run finds nothing to change.
 *
 * Within a person, leads are ordered by creation (leads without a creation
 * instant last, then by id); the first is the primary lead. A later lead
 * created at most `duplicate_window_days` × 24 hours after the lead before
 * it is a duplicate; one created later is a new inquiry. A lead without a
 * creation instant is never a duplicate: the window cannot be measured.
 */
export async function regroupPersons(
  db: Database,
): Promise<{ persons: number; duplicates: number }> {
  const started = Date.now();
  const { duplicateWindowDays } = await getSettings(db);
  const windowSeconds = duplicateWindowDays * 86_400;

  await db.execute(sql`
    insert into persons (key)
    select distinct k.key
    from (select ${personKey} as key from leads l) k
    where k.key is not null
      and not exists (select 1 from persons p where p.key = k.key)
    on conflict (key) do nothing`);
  log.debug("persons created", { ms: Date.now() - started });

  await db.execute(sql`
    with keyed as (
      select l.id, l.created_at, ${personKey} as key from leads l
    ),
    ordered as (
      select k.id, p.id as person_id, k.created_at,
        lag(k.created_at) over (
          partition by p.id order by k.created_at asc nulls last, k.id
        ) as previous_created_at
      from keyed k join persons p on p.key = k.key
    ),
    target as (
      select id, person_id,
        coalesce(extract(epoch from created_at - previous_created_at)::float8
          <= ${windowSeconds}, false) as is_duplicate
      from ordered
      union all
      select id, null::bigint, false from keyed where key is null
    )
    update leads l
    set person_id = t.person_id, is_duplicate = t.is_duplicate
    from target t
    where t.id = l.id
      and (l.person_id is distinct from t.person_id
        or l.is_duplicate <> t.is_duplicate)`);

  log.debug("leads regrouped", { ms: Date.now() - started });

  // A person whose leads changed phone or e-mail is left without leads.
  await db.execute(sql`
    delete from persons p
    where not exists (select 1 from leads l where l.person_id = p.id)`);

  const [counts] = await queryRows<{ persons: number; duplicates: number }>(
    db,
    sql`select count(distinct person_id)::int as persons,
      (count(*) filter (where is_duplicate))::int as duplicates
    from leads`,
  );
  const result = {
    persons: counts?.persons ?? 0,
    duplicates: counts?.duplicates ?? 0,
  };
  log.info("regrouped persons", { ...result, ms: Date.now() - started });

  return result;
}
