import { type SQL, sql } from "drizzle-orm";
import { delayBucketSql, delayBuckets } from "@/lib/metrics/recovery-leads";
import { type FactTables, maintainedFacts } from "./sql";

/**
 * A cube: a table of sums keyed by a few columns, computed from facts.
 * `rows` selects one row per fact of the leads that `leads` admits (an SQL
 * condition on a lead id), with a column per key and per measure, from the
 * maintained facts or from `facts`; the cube is the sum of those rows per
 * key. The first measure counts the facts, so
 * a cell whose first measure is 0 is empty and is removed.
 */
export type CubeSpec = {
  table: string;
  keys: string[];
  measures: string[];
  rows: (leads: (leadId: SQL) => SQL, facts?: FactTables) => SQL;
  /** A faster select of every cell for a rebuild, columns in key and
   * measure order. */
  build?: SQL;
};

const leadKeys = sql.raw(`f.day, f.source_id, coalesce(f.campaign_id, 0)
  as campaign_id, coalesce(f.agent_id, 0) as agent_id`);
const leadKeyNames = ["day", "source_id", "campaign_id", "agent_id"];
const dayKeys = sql.raw("f.day, f.source_id");

// Each measure of agg_lead_cells as a condition on lead facts `f`.
const leadMeasures: [string, string][] = [
  ["leads", "true"],
  ["contacted_within", "f.contacted_within"],
  ["contacted_converted", "f.contacted_within and f.converted"],
  ["converted", "f.converted"],
  ["worked", "f.worked"],
  ["worked_contacted", "f.worked and f.contacted_within"],
  ["same_day", "f.same_day"],
  ["by_lead_disposition", "f.by_lead_disposition"],
  ["attempted", "f.speed_minutes is not null"],
  ["within_target", "f.within_target"],
  ["invalid_contact", "f.invalid_contact"],
  ["duplicates", "f.is_duplicate"],
  ["without_person", "f.person_id is null"],
  ["fully_worked", "f.fully_worked"],
  ["fully_worked_contacted", "f.fully_worked and f.contacted_within"],
  ["late_first_attempt", "not f.contacted and f.late_first_attempt"],
  ["too_few_calls", "not f.contacted and f.too_few_calls"],
  ["too_few_slots", "not f.contacted and f.too_few_slots"],
  ["no_recovery_message", "not f.contacted and f.no_recovery_message"],
  ["valued", "f.ltv_minor is not null"],
  ["values_not_converted", "f.value_status not in ('ok', 'none')"],
  ["lost_converted", "f.rule_code like 'converted.%'"],
  ["lost_do_not_contact", "f.rule_code like 'do_not_contact.%'"],
  ["lost_lead_data", "f.rule_code like 'lead_data.%'"],
  ["lost_unknown_effort", "f.rule_code like 'not_contacted_unknown_effort.%'"],
  ["lost_follow_up", "f.rule_code like 'follow_up.%'"],
  ["lost_unreachable", "f.rule_code like 'unreachable.%'"],
  ["lost_not_converted", "f.rule_code like 'not_converted.%'"],
  ["call_failed", "f.call_failed"],
  ["messaged", "f.messaged"],
  ["recovered", "f.recovered"],
  ["recovered_other", "f.recovered_other"],
  ["delivered_step", "f.messaged and (f.delivered or f.responded)"],
  [
    "read_step",
    "f.messaged and (f.read or f.responded) and (f.delivered or f.responded)",
  ],
  ["responded", "f.responded"],
  ["responded_converted", "f.responded and f.converted"],
  ["messaged_outside_holdout", "f.messaged and not f.holdout"],
  ["recovered_outside_holdout", "f.recovered and not f.holdout"],
  ["holdout_not_messaged", "f.call_failed and f.holdout and not f.messaged"],
  ["holdout_contacted", "f.holdout_contacted"],
  ["holdout_messaged", "f.holdout and f.messaged"],
];

const firstDelayBucket = delayBucketSql(sql`f.first_delay_seconds`);
const bucketMeasures = delayBuckets.flatMap(({ bucket }) => [
  [`messaged_${bucket}`, sql`(f.messaged and ${firstDelayBucket} = ${bucket})`],
  [
    `recovered_${bucket}`,
    sql`(f.recovered and ${firstDelayBucket} = ${bucket})`,
  ],
]) as [string, SQL][];

const leadCells: CubeSpec = {
  table: "agg_lead_cells",
  keys: leadKeyNames,
  measures: [
    ...leadMeasures.map(([name]) => name),
    "ltv_minor",
    ...bucketMeasures.map(([name]) => name),
  ],
  rows: (leads, facts = maintainedFacts) => sql`select ${leadKeys},
    ${sql.join(
      leadMeasures.map(
        ([name, condition]) =>
          sql`coalesce(${sql.raw(condition)}, false)::int as ${sql.raw(name)}`,
      ),
      sql`, `,
    )},
    coalesce(f.ltv_minor, 0) as ltv_minor,
    ${sql.join(
      bucketMeasures.map(
        ([name, condition]) =>
          sql`coalesce(${condition}, false)::int as ${sql.raw(name)}`,
      ),
      sql`, `,
    )}
    from ${facts.leads} f
    where f.day is not null and ${leads(sql`f.lead_id`)}`,
  // Counts of the leads that meet each condition rather than sums of 0
  // and 1: a lead adds to the few counts it meets, not to every sum.
  build: sql`select ${leadKeys}, ${sql.join(
    [
      ...leadMeasures.map(([name, condition]) =>
        name === "leads" ? sql`count(*)` : countWhere(sql.raw(condition)),
      ),
      sql`sum(coalesce(f.ltv_minor, 0))`,
      ...bucketMeasures.map(([, condition]) => countWhere(condition)),
    ],
    sql`, `,
  )}
    from agg_lead_facts f where f.day is not null
    group by 1, 2, 3, 4`,
};

// A measure of a rebuild: the facts that meet `condition`.
function countWhere(condition: SQL): SQL {
  return sql`count(*) filter (where ${condition})`;
}

const undatedCells: CubeSpec = {
  table: "agg_undated_cells",
  keys: ["source_id", "campaign_id", "agent_id"],
  measures: ["leads", "contacted", "invalid_contact", "converted"],
  rows: (leads, facts = maintainedFacts) => sql`select f.source_id,
      coalesce(f.campaign_id, 0) as campaign_id,
      coalesce(f.agent_id, 0) as agent_id, 1 as leads,
      f.contacted::int as contacted, f.invalid_contact::int as invalid_contact,
      f.converted::int as converted
    from ${facts.leads} f
    where f.day is null and ${leads(sql`f.lead_id`)}`,
};

// Each measure of agg_lead_measure_cells with its value for lead facts `f`;
// a lead whose value is null is not counted under that measure.
const measureValues: [string, string][] = [
  [
    "calls_to_contact",
    "case when f.contacted_within then f.calls_to_contact end",
  ],
  ["contact_call", "f.contact_call"],
  ["speed_bucket", "f.speed_bucket::int"],
  ["speed_target", "f.within_target::int"],
];
const measureList = (
  each: (name: string, value: string) => string,
  separator = ", ",
) =>
  sql.raw(
    measureValues.map(([name, value]) => each(name, value)).join(separator),
  );

const measureCells: CubeSpec = {
  table: "agg_lead_measure_cells",
  keys: ["day", "source_id", "measure", "value"],
  measures: ["leads"],
  rows: (
    leads,
    facts = maintainedFacts,
  ) => sql`select f.day, f.source_id, m.measure, m.value,
      1 as leads
    from ${facts.leads} f
    cross join lateral (values
      ${measureList((name, value) => `('${name}', ${value})`)}
    ) m (measure, value)
    where f.day is not null and m.value is not null
      and ${leads(sql`f.lead_id`)}`,
  // One hash table per measure over one read of the facts, instead of
  // four rows per lead grouped in one: each grouping set keeps one
  // measure's column, the others are null in its rows.
  build: sql`select x.day, x.source_id, x.measure, x.value, x.leads from (
      select f.day, f.source_id,
        (case ${measureList(
          (name) => `when grouping(f.${name}) = 0 then '${name}'`,
          " ",
        )} end) as measure,
        coalesce(${measureList((name) => `f.${name}`)}) as value,
        count(*) as leads
      from (select f.day, f.source_id,
          ${measureList((name, value) => `${value} as ${name}`)}
        from agg_lead_facts f where f.day is not null) f
      group by grouping sets (${measureList(
        (name) => `(f.day, f.source_id, f.${name})`,
      )})
    ) x
    where x.value is not null`,
};

// The scope always holds whole persons (refresh.ts), so the previous lead
// of each of its leads is among its facts.
const personCells: CubeSpec = {
  table: "agg_person_cells",
  keys: ["day", "source_id", "previous_day"],
  measures: ["leads"],
  rows: (leads, facts = maintainedFacts) => sql`select x.day, p.source_id,
      coalesce(p.previous_day, '-infinity'::date) as previous_day, 1 as leads
    from (
      select f.day, f.source_id,
        lag(f.day) over (partition by f.person_id, f.source_id
          order by f.created_at, f.lead_id) as same_source,
        lag(f.day) over (partition by f.person_id
          order by f.created_at, f.lead_id) as any_source
      from ${facts.leads} f
      where f.day is not null and f.person_id is not null
        and ${leads(sql`f.lead_id`)}
    ) x
    cross join lateral (values (x.source_id, x.same_source),
      (0::int8, x.any_source)) p (source_id, previous_day)`,
};

export const recoveryChannelCells: CubeSpec = {
  table: "agg_recovery_channel_cells",
  keys: ["day", "source_id", "channel", "bucket"],
  measures: ["messaged", "recovered"],
  rows: (leads, facts = maintainedFacts) => sql`select ${dayKeys}, rc.channel,
      ${delayBucketSql(sql`rc.delay_seconds`)} as bucket, 1 as messaged,
      rc.recovered::int as recovered
    from ${facts.channels} rc
    join ${facts.leads} f on f.lead_id = rc.lead_id
    where f.day is not null and ${leads(sql`f.lead_id`)}
      and ${leads(sql`rc.lead_id`)}`,
};

export const recoveryTemplateCells: CubeSpec = {
  table: "agg_recovery_template_cells",
  keys: ["day", "source_id", "template_id"],
  measures: ["messaged", "recovered"],
  rows: (
    leads,
    facts = maintainedFacts,
  ) => sql`select ${dayKeys}, rt.template_id, 1 as messaged,
      rt.recovered::int as recovered
    from ${facts.templates} rt
    join ${facts.leads} f on f.lead_id = rt.lead_id
    where f.day is not null and ${leads(sql`f.lead_id`)}
      and ${leads(sql`rt.lead_id`)}`,
};

export const valueCells: CubeSpec = {
  table: "agg_value_cells",
  keys: ["day", "source_id", "channel", "value_status", "currency"],
  measures: [
    "call_failed",
    "call_failed_value_minor",
    "recovered",
    "recovered_value_minor",
    "recovered_revenue_minor",
    "at_risk",
    "at_risk_value_minor",
  ],
  rows: (leads, facts = maintainedFacts) => sql`select ${dayKeys},
      coalesce(coalesce(f.credit_channel, f.last_channel)::text, '')
        as channel,
      f.value_status,
      (case when f.value_status in ('ok', 'none') then ''
        else coalesce(f.value_currency, '<null>') end) as currency,
      1 as call_failed, coalesce(f.ltv_minor, 0) as call_failed_value_minor,
      f.recovered::int as recovered,
      (case when f.recovered then coalesce(f.ltv_minor, 0) else 0 end)
        as recovered_value_minor,
      (case when f.recovered and f.converted then coalesce(f.ltv_minor, 0)
        else 0 end) as recovered_revenue_minor,
      (f.first_contact_at is null and not f.converted)::int as at_risk,
      (case when f.first_contact_at is null and not f.converted
        then coalesce(f.ltv_minor, 0) else 0 end) as at_risk_value_minor
    from ${facts.leads} f
    where f.day is not null and f.call_failed and ${leads(sql`f.lead_id`)}`,
};

// Each measure of agg_attempt_cells after `attempts` with the flag of the
// attempt facts `t` it counts.
const attemptFlags: [string, string][] = [
  ["calls", "t.is_call"],
  ["answered", "t.answered"],
  ["connected", "t.connected"],
  ["outside_hours", "t.outside_hours"],
  ["beyond_max", "t.beyond_max"],
  ["without_consent", "t.without_consent"],
  ["with_window", "t.has_window"],
  ["in_slot", "t.in_slot"],
];

const attemptCells: CubeSpec = {
  table: "agg_attempt_cells",
  keys: [...leadKeyNames, "channel"],
  measures: ["attempts", ...attemptFlags.map(([name]) => name)],
  rows: (
    leads,
    facts = maintainedFacts,
  ) => sql`select t.day, t.source_id, t.campaign_id, t.agent_id,
      t.channel, 1 as attempts, ${sql.raw(
        attemptFlags
          .map(([name, flag]) => `${flag}::int as ${name}`)
          .join(", "),
      )}
    from ${facts.attempts} t where ${leads(sql`t.lead_id`)}`,
  // As for the lead cells: counts of the attempts that meet each check.
  build: sql`select t.day, t.source_id, t.campaign_id, t.agent_id, t.channel,
      count(*), ${sql.join(
        attemptFlags.map(([, flag]) => countWhere(sql.raw(flag))),
        sql`, `,
      )}
    from agg_attempt_facts t group by 1, 2, 3, 4, 5`,
};

const slotRows = (
  key: SQL,
  leads: (leadId: SQL) => SQL,
  facts: FactTables,
) => sql`select
    t.day, ${key}, t.channel, z.zone, z.weekday, z.hour, 1 as attempts,
    t.is_call::int as calls, t.answered::int as answered
  from ${facts.attempts} t
  cross join lateral (values ('lead', t.lead_weekday, t.lead_hour),
    ('report', t.report_weekday, t.report_hour)) z (zone, weekday, hour)
  where ${leads(sql`t.lead_id`)}`;

const slotCells: CubeSpec = {
  table: "agg_slot_cells",
  keys: ["zone", "day", "source_id", "channel", "weekday", "hour"],
  measures: ["attempts", "calls", "answered"],
  rows: (leads, facts = maintainedFacts) =>
    slotRows(sql`t.source_id`, leads, facts),
  // One pass over the attempts for both clocks, instead of two rows each.
  build: sql`select
      (case when grouping(t.lead_weekday) = 0 then 'lead' else 'report' end)
        as zone,
      t.day, t.source_id, t.channel,
      coalesce(t.lead_weekday, t.report_weekday) as weekday,
      coalesce(t.lead_hour, t.report_hour) as hour,
      count(*) as attempts, sum(t.is_call::int) as calls,
      sum(t.answered::int) as answered
    from agg_attempt_facts t
    group by grouping sets (
      (t.day, t.source_id, t.channel, t.lead_weekday, t.lead_hour),
      (t.day, t.source_id, t.channel, t.report_weekday, t.report_hour))`,
};

/** Every cube, in the order they are built. */
export const cubes: CubeSpec[] = [
  leadCells,
  undatedCells,
  measureCells,
  personCells,
  recoveryChannelCells,
  recoveryTemplateCells,
  valueCells,
  attemptCells,
  slotCells,
];

/**
 * Fills an empty cube from the facts of every lead, its rows written in
 * the order of its key. The figures read a range of days (after the zone,
 * for the slot cells), and in key order those cells share few pages: a
 * hash aggregate's order would spread 90 days of lead cells over nearly
 * every page of the table (at a million leads, 9,178 of its pages read
 * instead of 2,257, and follow-up compliance over 90 days about 100 ms
 * instead of 50).
 */
export function buildCubeSql(cube: CubeSpec): SQL {
  const keys = sql.raw(cube.keys.join(", "));
  const columns = sql.raw([...cube.keys, ...cube.measures].join(", "));
  const sums = sql.raw(cube.measures.map((m) => `sum(r.${m})`).join(", "));
  if (cube.build) {
    return sql`insert into ${sql.raw(cube.table)} (${columns})
      select * from (${cube.build}) b order by ${keys}`;
  }

  return sql`insert into ${sql.raw(cube.table)} (${columns})
    select ${keys}, ${sums}
    from (${cube.rows(() => sql`true`)}) r
    group by ${keys}
    order by ${keys}`;
}
