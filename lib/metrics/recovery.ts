import { sql } from "drizzle-orm";
import {
  type TemplateRow,
  readChannelDelayRows,
  readDelayRows,
  readLeadSums,
  readRecoveryChannels,
  readTemplateRows,
} from "@/lib/aggregates/read-recovery";
import {
  type FigureOptions,
  shouldReadAggregates,
} from "@/lib/aggregates/state";
import { type Database, queryRows } from "@/lib/db";
import type { channel } from "@/lib/db/schema";
import { type Settings, getSettings } from "@/lib/settings";
import type { MetricFilter } from "./filter";
import { countUndatedLeads } from "./undated";
import { type Rate, toRate } from "./rate";
import {
  type DelayBucket,
  delayBucketSql,
  delayBuckets,
  recoveryCtes,
} from "./recovery-leads";

export type Channel = (typeof channel.enumValues)[number];

type Counts = { messaged: number; recovered: number };

export type RecoveryByChannel = {
  callFailed: number;
  messaged: number;
  /** Recovered leads over leads sent a recovery message, all channels. */
  total: Rate;
  /** Per channel: recovered via it over call-failed leads messaged on it. */
  channels: { channel: Channel; rate: Rate }[];
  /** Recovered through a reply on a channel the lead got no recovery
   * message on: in `total`, in no channel's rate. */
  recoveredOnOtherChannel: number;
  /** Leads in scope without a creation instant: in no period. */
  leftOut: number;
};

/** The recovery rate per channel (METRICS.md "Recovery"). The channel
 * filter narrows which messages are recovery messages, which changes who
 * is recovered: the aggregates hold every channel, so it reads the raw
 * rows. */
export async function getRecoveryByChannel(
  db: Database,
  filter: MetricFilter,
  options?: FigureOptions,
): Promise<RecoveryByChannel> {
  const settings = await getSettings(db);
  const fromAggregates = await readsRecovery(db, filter, settings, options);
  const totals = fromAggregates
    ? await readLeadSums(db, filter, {
        callFailed: "call_failed",
        messaged: "messaged",
        recovered: "recovered",
        other: "recovered_other",
      })
    : await queryChannelTotals(db, filter, settings);
  const rows = fromAggregates
    ? await readRecoveryChannels(db, filter)
    : await queryChannelRows(db, filter, settings);

  return {
    callFailed: totals?.callFailed ?? 0,
    messaged: totals?.messaged ?? 0,
    total: toRate(totals?.recovered ?? 0, totals?.messaged ?? 0),
    channels: rows.map((row) => ({
      channel: row.channel,
      rate: toRate(row.recovered, row.messaged),
    })),
    recoveredOnOtherChannel: totals?.other ?? 0,
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

/** Recovery figures read the aggregates unless a channel filter narrows
 * the recovery messages. */
export function readsRecovery(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
  options: FigureOptions | undefined,
): Promise<boolean> {
  return shouldReadAggregates(
    db,
    settings,
    options,
    filter.channels.length === 0,
  );
}

async function queryChannelTotals(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  const [totals] = await queryRows<{
    callFailed: number;
    messaged: number;
    recovered: number;
    other: number;
  }>(
    db,
    sql`with ${recoveryCtes(filter, settings)}
    select count(*)::int as "callFailed",
      count(*) filter (where o.messaged)::int as messaged,
      count(*) filter (where o.recovered)::int as recovered,
      count(*) filter (where o.recovered and not exists (
        select 1 from recovery_channels rc
        where rc.lead_id = o.lead_id and rc.channel = o.credit_channel))::int
        as other
    from recovery_outcomes o`,
  );

  return totals;
}

async function queryChannelRows(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  return queryRows<Counts & { channel: Channel }>(
    db,
    sql`with ${recoveryCtes(filter, settings)}
    select rc.channel::text as channel, count(*)::int as messaged,
      count(*) filter (where o.credit_channel = rc.channel)::int as recovered
    from recovery_channels rc
    join recovery_outcomes o on o.lead_id = rc.lead_id
    group by rc.channel order by rc.channel`,
  );
}

export type RecoveryByDelay = {
  /** Every bucket in order. A lead falls in the bucket of its first
   * recovery message; per channel, of its first message on that channel. */
  buckets: {
    bucket: DelayBucket;
    label: string;
    rate: Rate;
    channels: { channel: Channel; rate: Rate }[];
  }[];
  leftOut: number;
};

/** The recovery rate by minutes from the last failed call to the message.
 * A channel filter reads the raw rows, as in getRecoveryByChannel. */
export async function getRecoveryByDelay(
  db: Database,
  filter: MetricFilter,
  options?: FigureOptions,
): Promise<RecoveryByDelay> {
  const settings = await getSettings(db);
  const fromAggregates = await readsRecovery(db, filter, settings, options);
  const leadRows = fromAggregates
    ? await readDelayRows(db, filter)
    : await queryDelayRows(db, filter, settings);
  const channelRows = fromAggregates
    ? await readChannelDelayRows(db, filter)
    : await queryChannelDelayRows(db, filter, settings);

  const buckets = delayBuckets.map(({ bucket, label }) => {
    const row = leadRows.find((candidate) => candidate.bucket === bucket);

    return {
      bucket,
      label,
      rate: toRate(row?.recovered ?? 0, row?.messaged ?? 0),
      channels: channelRows
        .filter((candidate) => candidate.bucket === bucket)
        .map((entry) => ({
          channel: entry.channel,
          rate: toRate(entry.recovered, entry.messaged),
        })),
    };
  });

  return {
    buckets,
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

async function queryDelayRows(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  return queryRows<Counts & { bucket: DelayBucket }>(
    db,
    sql`with ${recoveryCtes(filter, settings)}
    select ${delayBucketSql(sql`o.first_delay_seconds`)} as bucket,
      count(*)::int as messaged,
      count(*) filter (where o.recovered)::int as recovered
    from recovery_outcomes o where o.messaged group by 1`,
  );
}

async function queryChannelDelayRows(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  return queryRows<Counts & { bucket: DelayBucket; channel: Channel }>(
    db,
    sql`with ${recoveryCtes(filter, settings)}
    select ${delayBucketSql(sql`rc.delay_seconds`)} as bucket,
      rc.channel::text as channel, count(*)::int as messaged,
      count(*) filter (where o.credit_channel = rc.channel)::int as recovered
    from recovery_channels rc
    join recovery_outcomes o on o.lead_id = rc.lead_id
    group by 1, rc.channel order by rc.channel`,
  );
}

export type TemplateChecks = {
  namesCompanyAndPerson: boolean;
  statesReason: boolean;
  professionalTone: boolean;
  oneNextStep: boolean;
};

export type RecoveryByTemplate = {
  /** Per template (null: messages sent without one), the leads sent a
   * recovery message with it; recovered ones count for the template of the
   * last recovery message before the contact. */
  templates: {
    templateId: number | null;
    name: string | null;
    checks: TemplateChecks | null;
    checksPassed: number | null;
    rate: Rate;
  }[];
  leftOut: number;
};

/** The recovery rate by message template, with each template's checks. A
 * channel filter reads the raw rows, as in getRecoveryByChannel. */
export async function getRecoveryByTemplate(
  db: Database,
  filter: MetricFilter,
  options?: FigureOptions,
): Promise<RecoveryByTemplate> {
  const settings = await getSettings(db);
  const rows = (await readsRecovery(db, filter, settings, options))
    ? await readTemplateRows(db, filter)
    : await queryTemplateRows(db, filter, settings);

  return {
    templates: rows.map((row) => {
      const checks =
        row.templateId === null
          ? null
          : {
              namesCompanyAndPerson: row.namesCompanyAndPerson === true,
              statesReason: row.statesReason === true,
              professionalTone: row.professionalTone === true,
              oneNextStep: row.oneNextStep === true,
            };

      return {
        templateId: row.templateId,
        name: row.name,
        checks,
        checksPassed: checks && Object.values(checks).filter(Boolean).length,
        rate: toRate(row.recovered, row.messaged),
      };
    }),
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

async function queryTemplateRows(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
): Promise<TemplateRow[]> {
  return queryRows<TemplateRow>(
    db,
    sql`with ${recoveryCtes(filter, settings)}
    select rt.template_id::int as "templateId", t.name::text as name,
      t.names_company_and_person as "namesCompanyAndPerson",
      t.states_reason as "statesReason",
      t.professional_tone as "professionalTone",
      t.one_next_step as "oneNextStep",
      count(*)::int as messaged,
      count(*) filter (where o.recovered
        and o.credit_template_id is not distinct from rt.template_id)::int
        as recovered
    from recovery_templates rt
    join recovery_outcomes o on o.lead_id = rt.lead_id
    left join templates t on t.id = rt.template_id
    group by rt.template_id, t.id
    order by t.name nulls last`,
  );
}
