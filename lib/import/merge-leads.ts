import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import { createLogger } from "@/lib/log";
import { personKeyOf } from "@/lib/persons/regroup-persons";
import { resolveStagedSources } from "./sources";
import { leadStage } from "./stage";
import type { RecordCounts } from "./types";

const log = createLogger("import");

// Columns a lead file sets, with the staged expression for each. A repeated
// import compares them all, so that only a real change counts as an update.
const leadColumns: [string, string][] = [
  ["source_id", "source_id"],
  ["campaign_id", "campaign_id"],
  ["created_at", "created_at"],
  ["time_zone", "time_zone"],
  ["phone_e164", "phone_e164"],
  ["phone_raw", "phone_raw"],
  ["email", "email"],
  ["consent_call", "consent_call"],
  ["consent_whatsapp", "consent_whatsapp"],
  ["consent_sms", "consent_sms"],
  ["consent_email", "consent_email"],
  ["consent_at", "consent_at"],
  ["preferred_slot_start", "preferred_slot_start"],
  ["preferred_slot_end", "preferred_slot_end"],
  ["value_minor", "value_minor"],
  ["value_currency", "value_currency"],
  ["value_unit", "value_unit::value_unit"],
  ["converted", "converted"],
  ["converted_at", "converted_at"],
  ["conversion_value_minor", "conversion_value_minor"],
  ["conversion_currency", "conversion_currency"],
  ["disposition_code", "disposition_code"],
  ["is_test", "is_test"],
  ["holdout", "holdout"],
];

/** The external ids a merge inserted and really changed; the others of
 * the stage were left as they were. */
export type WrittenIds = { inserted: string[]; updated: string[] };

/** Upserts the staged leads by (origin, external id); the last row of a
 * repeated id wins. `unique` says no id is staged twice, which spares
 * sorting the whole stage; `ids` asks for the ids written, for a batch
 * that reports on each. */
export async function mergeLeads(
  db: Database,
  origin: string,
  importId: number,
  options: { unique?: boolean; ids?: boolean } = {},
): Promise<RecordCounts & { sourcesCreated: string[]; ids: WrittenIds }> {
  const started = Date.now();
  const stage = sql.raw(leadStage.table);
  const sourcesCreated = await resolveStagedSources(db, leadStage.table);
  log.debug("sources resolved", { ms: Date.now() - started });

  await db.execute(sql`
    insert into campaigns (source_id, name)
    select distinct a.source_id, st.campaign
    from ${stage} st join source_aliases a on a.alias = st.source_alias
    where st.campaign is not null
    on conflict (source_id, name) do nothing`);

  // New leads get their person right away, which spares regroupPersons a
  // second write of every row; it still settles duplicates and changes.
  const stagedKey = personKeyOf("st");
  await db.execute(sql`
    insert into persons (key)
    select distinct k.key from (select ${stagedKey} as key from ${stage} st) k
    where k.key is not null
      and not exists (select 1 from persons p where p.key = k.key)
    on conflict (key) do nothing`);

  log.debug("campaigns and persons created", { ms: Date.now() - started });

  const names = leadColumns.map(([name]) => name);
  // The upsert's own answer says, per row, whether it inserted (xmax 0) or
  // changed it: a picture taken before it would miss a row another batch
  // inserts and commits meanwhile, and call it inserted twice.
  const ids = options.ids
    ? sql`, coalesce(array_agg(external_id) filter (where inserted), '{}') as "insertedIds",
      coalesce(array_agg(external_id) filter (where not inserted), '{}') as "updatedIds"`
    : sql``;
  const [counts] = await queryRows<
    RecordCounts & {
      records: number;
      insertedIds?: string[];
      updatedIds?: string[];
    }
  >(
    db,
    sql`with incoming as (
      select ${sql.raw(options.unique ? "" : "distinct on (st.external_id)")}
        st.*, a.source_id,
        c.id as campaign_id, p.id as person_id
      from ${stage} st
      join source_aliases a on a.alias = st.source_alias
      left join campaigns c on c.source_id = a.source_id and c.name = st.campaign
      left join persons p on p.key = ${stagedKey}
      ${sql.raw(options.unique ? "" : "order by st.external_id, st.row_no desc")}
    ),
    written as (
      insert into leads (origin, external_id, ${sql.raw(names.join(", "))}, person_id, import_id)
      select ${origin}, external_id,
        ${sql.raw(leadColumns.map(([, value]) => value).join(", "))}, person_id,
        ${importId}::bigint
      from incoming
      on conflict (origin, external_id) do update set
        ${assignChanged(names, "leads")}
      returning external_id, (xmax::text = '0') as inserted
    )
    select (select count(*) from incoming)::int as records,
      (count(*) filter (where inserted))::int as inserted,
      (count(*) filter (where not inserted))::int as updated
      ${ids}
    from written`,
  );
  const inserted = counts?.inserted ?? 0;
  const updated = counts?.updated ?? 0;

  return {
    inserted,
    updated,
    unchanged: (counts?.records ?? 0) - inserted - updated,
    sourcesCreated,
    ids: {
      inserted: counts?.insertedIds ?? [],
      updated: counts?.updatedIds ?? [],
    },
  };
}

/** `set a = excluded.a, ..., updated_at = now() where (a, ...) is distinct
 * from (excluded.a, ...)`: an upsert that leaves unchanged rows alone. */
export function assignChanged(
  names: string[],
  table: string,
  expressions: Record<string, string> = {},
): SQL {
  const value = (name: string) => expressions[name] ?? `excluded.${name}`;
  const set = names.map((name) => `${name} = ${value(name)}`).join(", ");
  const current = names.map((name) => `${table}.${name}`).join(", ");
  const next = names.map(value).join(", ");

  return sql.raw(
    `${set}, updated_at = now() where (${current}) is distinct from (${next})`,
  );
}
