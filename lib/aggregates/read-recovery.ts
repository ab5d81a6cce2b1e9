import { sql } from "drizzle-orm";
import { type Database, queryRows } from "@/lib/db";
import type { MetricFilter } from "@/lib/metrics/filter";
import type { Channel } from "@/lib/metrics/recovery";
import { type DelayBucket, delayBuckets } from "@/lib/metrics/recovery-leads";
import { recoveryChannelCells, recoveryTemplateCells } from "./cubes";
import { dayCells, narrowCells, sumColumns } from "./narrowing";

type Counts = { messaged: number; recovered: number };

/** Sums of agg_lead_cells columns over the filter, by result name. */
export async function readLeadSums<Name extends string>(
  db: Database,
  filter: MetricFilter,
  columns: Record<Name, string>,
): Promise<Record<Name, number>> {
  const [row] = await queryRows<Record<Name, number>>(
    db,
    sql`select ${sumColumns("c", columns)}
    from agg_lead_cells c where ${narrowCells(filter)}`,
  );

  return (
    row ??
    (Object.fromEntries(
      Object.keys(columns).map((name) => [name, 0]),
    ) as Record<Name, number>)
  );
}

/** Per channel, call-failed leads messaged on it and recovered via it. */
export async function readRecoveryChannels(
  db: Database,
  filter: MetricFilter,
): Promise<(Counts & { channel: Channel })[]> {
  return queryRows(
    db,
    sql`select c.channel::text as channel, sum(c.messaged)::int as messaged,
      sum(c.recovered)::int as recovered
    from ${dayCells(recoveryChannelCells, filter)}
    group by c.channel order by c.channel`,
  );
}

/** Per delay bucket of the lead's first recovery message. */
export async function readDelayRows(
  db: Database,
  filter: MetricFilter,
): Promise<(Counts & { bucket: DelayBucket })[]> {
  const columns = Object.fromEntries(
    delayBuckets.flatMap(({ bucket }) => [
      [`messaged_${bucket}`, `messaged_${bucket}`],
      [`recovered_${bucket}`, `recovered_${bucket}`],
    ]),
  );
  const sums = await readLeadSums(db, filter, columns);

  return delayBuckets
    .map(({ bucket }) => ({
      bucket,
      messaged: sums[`messaged_${bucket}`] ?? 0,
      recovered: sums[`recovered_${bucket}`] ?? 0,
    }))
    .filter((row) => row.messaged > 0);
}

/** Per delay bucket of the first message on each channel, and channel. */
export async function readChannelDelayRows(
  db: Database,
  filter: MetricFilter,
): Promise<(Counts & { bucket: DelayBucket; channel: Channel })[]> {
  return queryRows(
    db,
    sql`select c.bucket::text as bucket, c.channel::text as channel,
      sum(c.messaged)::int as messaged, sum(c.recovered)::int as recovered
    from ${dayCells(recoveryChannelCells, filter)}
    group by c.bucket, c.channel order by c.channel`,
  );
}

export type TemplateRow = Counts & {
  templateId: number | null;
  name: string | null;
  namesCompanyAndPerson: boolean | null;
  statesReason: boolean | null;
  professionalTone: boolean | null;
  oneNextStep: boolean | null;
};

/** Per template (null: none), leads messaged with it and credited to it. */
export async function readTemplateRows(
  db: Database,
  filter: MetricFilter,
): Promise<TemplateRow[]> {
  return queryRows<TemplateRow>(
    db,
    sql`select nullif(c.template_id, 0)::int as "templateId",
      t.name::text as name,
      t.names_company_and_person as "namesCompanyAndPerson",
      t.states_reason as "statesReason",
      t.professional_tone as "professionalTone",
      t.one_next_step as "oneNextStep",
      sum(c.messaged)::int as messaged, sum(c.recovered)::int as recovered
    from (select c.* from ${dayCells(recoveryTemplateCells, filter)}) c
    left join templates t on t.id = c.template_id
    group by c.template_id, t.id
    order by t.name nulls last`,
  );
}
