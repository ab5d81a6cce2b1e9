import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";

/**
 * Which leads a build step covers: every lead (a rebuild), the leads with
 * ids from `from` (inclusive) up to `to` (exclusive; null: no bound), the
 * share of one connection in a rebuild split over several, or the given
 * ids (a refresh).
 */
export type Scope =
  "all" | { from: number | null; to: number | null } | { leadIds: number[] };

/** A rebuild's scope, or a share of one: most of the log, read in full
 * scans, rather than a refresh's few leads. */
export function isWholeScope(
  scope: Scope,
): scope is "all" | { from: number | null; to: number | null } {
  return scope === "all" || !("leadIds" in scope);
}

/** `leadId` is one of the scope's leads. A refresh's ids are written into
 * the statement as a constant array, so that the planner sees how few
 * they are and reaches them through the lead indexes; a range is two
 * comparisons, which the planner estimates from its statistics. */
export function inScope(scope: Scope, leadId: SQL): SQL {
  if (scope === "all") return sql`true`;
  if ("leadIds" in scope) return isOneOf(leadId, scope.leadIds);
  const bounds = [
    scope.from === null
      ? null
      : sql`${leadId} >= ${Math.trunc(scope.from)}::int8`,
    scope.to === null ? null : sql`${leadId} < ${Math.trunc(scope.to)}::int8`,
  ].filter((bound) => bound !== null);

  return bounds.length === 0
    ? sql`true`
    : sql`(${sql.join(bounds, sql` and `)})`;
}

/** `column` is one of `ids`, written into the statement as a constant
 * array (false for none). */
export function isOneOf(column: SQL, ids: readonly number[]): SQL {
  const list = ids.map((id) => Math.trunc(id)).join(",");

  return sql`${column} = any(${sql.raw(`'{${list}}'`)}::int8[])`;
}

/**
 * The 15-minute bin an instant falls in, in UTC. Every zone in use today is
 * offset from UTC by a multiple of 15 minutes and changes its clock on such
 * a boundary, so an instant and the start of its bin share the local day,
 * weekday and hour in every zone: converting the bins instead of the
 * instants gives the same answer at a fraction of the cost.
 */
export function binOf(instant: SQL): SQL {
  return sql`date_bin('15 minutes', ${instant}, timestamptz '2000-01-01 00:00:00+00')`;
}

/** Microseconds since the epoch, for ordering by (instant, id) in array
 * comparisons. Through float8 rather than numeric for speed: a double
 * holds today's epoch seconds to a quarter of a microsecond, so rounding
 * gives the exact microsecond. */
export function microsOf(instant: SQL): SQL {
  return sql`round(date_part('epoch', ${instant}) * 1000000)::int8`;
}

/** A channel as a small number (1 call, 2 whatsapp, 3 sms, 4 email), to
 * carry it inside an int8 array, and back. Plain cases: enum_range() would
 * build the enum's array again for every row. */
export function channelCode(value: SQL): SQL {
  return sql`(case ${value} when 'call' then 1 when 'whatsapp' then 2
    when 'sms' then 3 when 'email' then 4 end)::int8`;
}

export function channelOfCode(code: SQL): SQL {
  return sql`(case ${code} when 1 then 'call' when 2 then 'whatsapp'
    when 3 then 'sms' when 4 then 'email' end)::channel`;
}

/** Replaces a temporary table, dropped at the end of the transaction, and
 * analyses it so that the next statements get good plans. A rebuild
 * analyses every column; a refresh only `keys`, the columns later steps
 * join and group on: the statistics of forty columns cost more than the
 * statements that read its few thousand rows. */
export async function createTempTable(
  db: Database,
  name: string,
  select: SQL,
  { scope, keys }: { scope: Scope; keys: string[] },
): Promise<void> {
  await db.execute(sql.raw(`drop table if exists ${name}`));
  await db.execute(
    sql`create temp table ${sql.raw(name)} on commit drop as ${select}`,
  );
  if (!isWholeScope(scope)) {
    await db.execute(sql.raw(`analyze ${name} (${keys.join(", ")})`));

    return;
  }
  // A sample of 3,000 rows instead of 30,000: the same plans for the
  // rebuild's statements, and each analysis of a table of millions of
  // attempts a few hundred milliseconds sooner.
  const [setting] = await queryRows<{ target: string }>(
    db,
    sql`select current_setting('default_statistics_target') as target,
      set_config('default_statistics_target', '10', true)`,
  );
  await db.execute(sql.raw(`analyze ${name}`));
  await db.execute(
    sql`select set_config('default_statistics_target', ${setting?.target ?? "100"}, true)`,
  );
}

/** The maintained fact tables, by what they hold. */
export const factTableNames = {
  leads: "agg_lead_facts",
  attempts: "agg_attempt_facts",
  channels: "agg_recovery_channels",
  templates: "agg_recovery_templates",
} as const;

type FactKind = keyof typeof factTableNames;

/**
 * The fact tables a step reads or writes: the maintained tables (a
 * rebuild, and every reader), or a refresh's temporary tables holding the
 * old or the new facts of its scope's leads.
 */
export type FactTables = Record<FactKind, SQL>;

const factKinds = Object.keys(factTableNames) as FactKind[];

function namedFactTables(prefix: string): FactTables {
  return Object.fromEntries(
    factKinds.map((kind) => [
      kind,
      sql.raw(factTableNames[kind].replace(/^agg_/, `agg_${prefix}`)),
    ]),
  ) as FactTables;
}

/** The maintained fact tables. */
export const maintainedFacts = namedFactTables("");
/** A refresh's copies of its scope's facts before and after. */
export const oldFacts = namedFactTables("old_");
export const newFacts = namedFactTables("new_");
/** What a refresh changes: the old and new facts, but of the attempts
 * only those that differ (most of a lead's attempts stay as they were). */
export const goneFacts: FactTables = {
  ...oldFacts,
  attempts: sql.raw("agg_gone_attempt_facts"),
};
export const addedFacts: FactTables = {
  ...newFacts,
  attempts: sql.raw("agg_added_attempt_facts"),
};

/** Each kind of fact with its maintained table and its table in `copy`. */
export function factTablePairs(
  copy: FactTables,
): { kind: FactKind; table: SQL; copy: SQL }[] {
  return factKinds.map((kind) => ({
    kind,
    table: maintainedFacts[kind],
    copy: copy[kind],
  }));
}

/** A list of ids as an SQL list; callers check it is not empty. */
export function idList(ids: readonly number[]): SQL {
  return sql.raw(`(${ids.map(Number).join(",")})`);
}

/**
 * Joins the disposition that the raw code `code` of system `origin` maps
 * to, as alias `alias` with its flags (contact, invalid_contact,
 * do_not_contact, converted, test_record): the joins of contacted.ts and
 * lead-flags.ts, with the code and its disposition joined first (every
 * code has one), so that each row of the log passes one join instead of
 * two.
 */
export function joinDispositionFlags(
  alias: string,
  origin: SQL,
  code: SQL,
): SQL {
  const d = sql.raw(alias);

  return sql`left join (
      select c.origin, c.code, d.contact, d.invalid_contact,
        d.do_not_contact, d.converted, d.test_record
      from disposition_codes c join dispositions d on d.id = c.disposition_id
      offset 0
    ) ${d} on ${d}.origin = ${origin} and ${d}.code = lower(trim(${code}))`;
}
