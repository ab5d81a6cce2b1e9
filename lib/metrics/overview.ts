import { sql } from "drizzle-orm";
import {
  readDailyCounts,
  readOverviewCounts,
  readSourceSummary,
} from "@/lib/aggregates/read-overview";
import {
  type FigureOptions,
  shouldReadAggregates,
} from "@/lib/aggregates/state";
import { type Database, queryRows } from "@/lib/db";
import { type Settings, getSettings } from "@/lib/settings";
import { contactedLeadsCte, contactedWithinWindow } from "./contacted";
import { getCallRates } from "./contact";
import { type MetricFilter, instantInPeriod, leadNarrowing } from "./filter";
import { hasInvalidContactData, isConvertedLead } from "./lead-flags";
import { type Rate, toRate } from "./rate";
import { countUndatedLeads } from "./undated";

export { countUndatedLeads };

export type OverviewFigures = {
  /** Leads created in the period. */
  leads: number;
  leadContactRate: Rate;
  callAnswerRate: Rate;
  /** Contacted leads of the period (within the contact window) that converted. */
  contactedConversionRate: Rate;
  /** Leads in scope without a creation instant: in no period. */
  leftOut: number;
};

/** The headline figures of the period. Lead-level figures follow the
 * source, campaign, agent and team filters (see leadAgentScope); the call
 * answer rate counts the calls the filtered agents made themselves. A
 * channel filter changes what counts as a contact, which the aggregates do
 * not hold (they keep contact on every channel): it reads the raw rows. */
export async function getOverviewFigures(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
  options?: FigureOptions,
): Promise<OverviewFigures> {
  const resolved = settings ?? (await getSettings(db));
  const answerable = filter.channels.length === 0;
  // The lead counts and the call rates are independent reads: they go out
  // together.
  const [leadRow, callRates] = await Promise.all([
    shouldReadAggregates(db, resolved, options, answerable).then((fast) =>
      fast
        ? readOverviewCounts(db, filter)
        : queryOverviewCounts(db, filter, resolved),
    ),
    getCallRates(db, filter, resolved, options),
  ]);
  const leads = leadRow.leads;
  const contactedLeads = leadRow.contacted;

  return {
    leads,
    leadContactRate: toRate(contactedLeads, leads),
    callAnswerRate: callRates.callAnswerRate,
    contactedConversionRate: toRate(leadRow.converted, contactedLeads),
    leftOut: callRates.leftOut,
  };
}

async function queryOverviewCounts(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  const { reportTimezone, contactWindowDays } = settings;
  const inPeriod = instantInPeriod(sql`l.created_at`, filter, reportTimezone);
  const contacted = contactedWithinWindow(contactWindowDays);

  const [leadRow] = await queryRows<{
    leads: number;
    contacted: number;
    converted: number;
  }>(
    db,
    sql`with ${contactedLeadsCte({
      scope: sql`${leadNarrowing(filter)} and ${inPeriod}`,
      channels: filter.channels,
    })}
    select count(*)::int as leads,
      count(*) filter (where ${contacted})::int as contacted,
      count(*) filter (where ${contacted} and ${isConvertedLead()})::int
        as converted
    from contacted_leads c join leads l on l.id = c.lead_id`,
  );

  return leadRow ?? { leads: 0, contacted: 0, converted: 0 };
}

export type DailyContactRate = {
  /** Every day of the period, in order; days without leads have no data. */
  days: { day: string; rate: Rate }[];
  leftOut: number;
};

/** The lead contact rate per creation day in the reporting zone. A channel
 * filter reads the raw rows, as in getOverviewFigures. */
export async function getDailyContactRate(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
  options?: FigureOptions,
): Promise<DailyContactRate> {
  const resolved = settings ?? (await getSettings(db));
  const answerable = filter.channels.length === 0;
  const rows = (await shouldReadAggregates(db, resolved, options, answerable))
    ? await readDailyCounts(db, filter)
    : await queryDailyCounts(db, filter, resolved);

  return {
    days: rows.map((row) => ({
      day: row.day,
      rate: toRate(row.contacted, row.leads),
    })),
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

async function queryDailyCounts(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  const { reportTimezone, contactWindowDays } = settings;
  const inPeriod = instantInPeriod(sql`l.created_at`, filter, reportTimezone);

  return queryRows<{ day: string; leads: number; contacted: number }>(
    db,
    sql`with ${contactedLeadsCte({
      scope: sql`${leadNarrowing(filter)} and ${inPeriod}`,
      channels: filter.channels,
    })},
    per_day as (
      select (l.created_at at time zone ${reportTimezone})::date as day,
        count(*) as leads,
        count(*) filter (where ${contactedWithinWindow(contactWindowDays)})
          as contacted
      from contacted_leads c join leads l on l.id = c.lead_id
      group by 1
    ),
    days as (
      select ${filter.from}::date + n as day
      from generate_series(0, ${filter.to}::date - ${filter.from}::date) n
    )
    select to_char(days.day, 'YYYY-MM-DD') as day,
      coalesce(per_day.leads, 0)::int as leads,
      coalesce(per_day.contacted, 0)::int as contacted
    from days left join per_day on per_day.day = days.day
    order by days.day`,
  );
}

export type SourceSummaryRow = {
  sourceId: number;
  source: string;
  /** Leads created in the period plus leads without a creation instant. */
  leads: number;
  undatedLeads: number;
  /** Within the contact window for dated leads, at any time for undated. */
  contacted: number;
  invalidContact: number;
  converted: number;
};

/**
 * Per source, the leads of the period and also the leads that have no
 * creation instant: they belong to no period, yet a source's volume and
 * data quality must show them (`undatedLeads` says how many). Only sources
 * with at least one such lead appear, most leads first, then by name. A
 * channel filter reads the raw rows, as in getOverviewFigures.
 */
export async function getSourceSummary(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
  options?: FigureOptions,
): Promise<SourceSummaryRow[]> {
  const resolved = settings ?? (await getSettings(db));
  const answerable = filter.channels.length === 0;
  if (await shouldReadAggregates(db, resolved, options, answerable)) {
    return readSourceSummary(db, filter);
  }
  const { reportTimezone, contactWindowDays } = resolved;
  const inPeriod = instantInPeriod(sql`l.created_at`, filter, reportTimezone);
  const contacted = sql`(case when l.created_at is null then c.contacted
    else ${contactedWithinWindow(contactWindowDays)} end)`;

  const rows = await queryRows<SourceSummaryRow>(
    db,
    sql`with ${contactedLeadsCte({
      scope: sql`${leadNarrowing(filter)}
        and (l.created_at is null or ${inPeriod})`,
      channels: filter.channels,
    })}
    select s.id::int as "sourceId", s.name::text as source,
      count(*)::int as leads,
      count(*) filter (where l.created_at is null)::int as "undatedLeads",
      count(*) filter (where ${contacted})::int as contacted,
      count(*) filter (where ${hasInvalidContactData()})::int
        as "invalidContact",
      count(*) filter (where ${isConvertedLead()})::int as converted
    from contacted_leads c
    join leads l on l.id = c.lead_id
    join sources s on s.id = l.source_id
    group by s.id, s.name
    order by leads desc, s.name`,
  );

  return rows;
}
