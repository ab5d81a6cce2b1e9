import { type SQL, sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { MetricFilter } from "@/lib/metrics/filter";
import { narrowCells, narrowsBeyondSource, sumColumns } from "./narrowing";

/** getContactRates's counts. */
export async function readContactCounts(db: Database, filter: MetricFilter) {
  const [row] = await queryRows<{
    leads: number;
    contacted: number;
    worked: number;
    workedContacted: number;
    sameDay: number;
  }>(
    db,
    sql`select ${sumColumns("c", {
      leads: "leads",
      contacted: "contacted_within",
      worked: "worked",
      workedContacted: "worked_contacted",
      sameDay: "same_day",
    })}
    from agg_lead_cells c where ${narrowCells(filter)}`,
  );

  return row;
}

/** getCallRates's counts: outbound calls by the attempt's own agent. */
export async function readCallCounts(db: Database, filter: MetricFilter) {
  const [row] = await queryRows<{
    calls: number;
    answered: number;
    connected: number;
  }>(
    db,
    sql`select ${sumColumns("c", {
      calls: "calls",
      answered: "answered",
      connected: "connected",
    })}
    from agg_attempt_cells c
    where c.channel = 'call' and ${attemptChannels(filter)}
      and ${narrowCells(filter)}`,
  );

  return row;
}

/** The channel filter over cells keyed by the attempt's channel. */
export function attemptChannels(filter: MetricFilter, alias = "c"): SQL {
  if (filter.channels.length === 0) return sql`true`;
  const channels = filter.channels.map((value) => sql`${value}`);

  return sql`${sql.raw(alias)}.channel::text in (${sql.join(channels, sql`, `)})`;
}

/**
 * A distribution over dated leads of the period (`calls_to_contact` or
 * `contact_call`, see agg_lead_measure_cells) as value and leads, by
 * value. The cells are keyed by day and source; a campaign, agent or team
 * filter counts the lead facts instead.
 */
export async function readLeadMeasure(
  db: Database,
  filter: MetricFilter,
  measure: "calls_to_contact" | "contact_call",
): Promise<{ value: number; leads: number }[]> {
  if (narrowsBeyondSource(filter)) {
    const value =
      measure === "contact_call"
        ? sql`f.contact_call`
        : sql`(case when f.contacted_within then f.calls_to_contact end)`;

    return queryRows(
      db,
      sql`select ${value}::int as value, count(*)::int as leads
      from agg_lead_facts f
      where ${narrowCells(filter, "f")} and ${value} is not null
      group by 1 order by 1`,
    );
  }

  return queryRows(
    db,
    sql`select c.value::int as value, sum(c.leads)::int as leads
    from agg_lead_measure_cells c
    where c.measure = ${measure}
      and ${narrowCells(filter, "c", { campaign: null, agent: null })}
    group by c.value order by c.value`,
  );
}

/** Dated leads of the period and those contacted within the window with
 * no contact instant (a lead-level disposition). */
export async function readLeadTotals(db: Database, filter: MetricFilter) {
  const [row] = await queryRows<{ leads: number; byLeadDisposition: number }>(
    db,
    sql`select ${sumColumns("c", {
      leads: "leads",
      byLeadDisposition: "by_lead_disposition",
    })}
    from agg_lead_cells c where ${narrowCells(filter)}`,
  );

  return row ?? { leads: 0, byLeadDisposition: 0 };
}
