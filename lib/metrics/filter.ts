import { type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { isDay } from "@/lib/dates";
import { channel } from "@/lib/db/schema";

/** The longest period a figure is computed for: ten years of days. A daily
 * series over thousands of years would hold a server for minutes. */
export const maxPeriodDays = 3653;

// zod runs the refinement even when the pattern failed, so it must not
// throw on "2026-3-1": isDay checks the shape before reading the day back.
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
  .refine(
    (value) => isDay(value) && value >= "2000-01-01" && value <= "2099-12-31",
    "expected a calendar day from 2000-01-01 to 2099-12-31",
  );

/** What every figure can be narrowed by. Days are calendar days in the
 * organisation's reporting zone, both ends included. */
export const metricFilterSchema = z
  .object({
    from: day,
    to: day,
    sourceIds: z.array(z.number().int()).default([]),
    campaignIds: z.array(z.number().int()).default([]),
    channels: z.array(z.enum(channel.enumValues)).default([]),
    agentIds: z.array(z.number().int()).default([]),
    teamIds: z.array(z.number().int()).default([]),
  })
  .refine((value) => value.from <= value.to, {
    message: "the period must not end before it starts",
    path: ["to"],
  })
  .refine((value) => periodDays(value) <= maxPeriodDays, {
    message: `the period must not be longer than ${maxPeriodDays} days`,
    path: ["from"],
  });

/** Whether `from` and `to` make a period a figure is computed for. */
export function isValidPeriod(from: unknown, to: unknown): boolean {
  return metricFilterSchema.safeParse({ from, to }).success;
}

/** Days in the period, both ends included. */
function periodDays(period: { from: string; to: string }): number {
  const from = Date.parse(`${period.from}T00:00:00Z`);
  const to = Date.parse(`${period.to}T00:00:00Z`);

  return Math.round((to - from) / 86_400_000) + 1;
}

export type MetricFilter = z.infer<typeof metricFilterSchema>;
export type MetricFilterInput = z.input<typeof metricFilterSchema>;

export function parseMetricFilter(input: MetricFilterInput): MetricFilter {
  return metricFilterSchema.parse(input);
}

/** `instant` falls on one of the period's days in zone `timeZone`. Written
 * as a half-open range on the instant so that an index on it applies. */
export function instantInPeriod(
  instant: SQL,
  filter: Pick<MetricFilter, "from" | "to">,
  timeZone: string,
): SQL {
  return sql`(${instant} >= (${filter.from}::date::timestamp at time zone ${timeZone})
    and ${instant} < ((${filter.to}::date + 1)::timestamp at time zone ${timeZone}))`;
}

/** The lead-level narrowing by source and campaign, for a leads alias. */
export function leadScope(filter: MetricFilter, lead = sql.raw("l")): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.sourceIds.length > 0) {
    parts.push(
      sql`${lead}.source_id in ${sql.raw(`(${filter.sourceIds.map(Number).join(",")})`)}`,
    );
  }
  if (filter.campaignIds.length > 0) {
    parts.push(
      sql`${lead}.campaign_id in ${sql.raw(`(${filter.campaignIds.map(Number).join(",")})`)}`,
    );
  }

  return sql.join(parts, sql` and `);
}

/** The previous period of the same length, for comparisons. */
export function previousPeriod(filter: MetricFilter): MetricFilter {
  const from = Date.parse(`${filter.from}T00:00:00Z`);
  const to = Date.parse(`${filter.to}T00:00:00Z`);
  const length = to - from + 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

  return { ...filter, from: iso(from - length), to: iso(to - length) };
}

/** A list of ids as an SQL list; callers check it is not empty. */
function idList(ids: readonly number[]): SQL {
  return sql.raw(`(${ids.map(Number).join(",")})`);
}

/**
 * The agent and team narrowing of a lead-level figure. A lead belongs to the
 * agent who made its first outbound attempt by a person (earliest start,
 * lowest id on a tie), and to that agent's team. Leads no person has tried
 * yet belong to nobody, so an agent or team filter leaves them out. With
 * both lists set, a lead must match both.
 */
export function leadAgentScope(
  filter: Pick<MetricFilter, "agentIds" | "teamIds">,
  lead = sql.raw("l"),
): SQL {
  const firstAgent = sql`(select fa.agent_id from attempts fa
    where fa.lead_id = ${lead}.id and fa.direction = 'outbound'
      and not fa.automated
    order by fa.started_at, fa.id limit 1)`;
  const parts: SQL[] = [sql`true`];
  if (filter.agentIds.length > 0) {
    parts.push(sql`${firstAgent} in ${idList(filter.agentIds)}`);
  }
  if (filter.teamIds.length > 0) {
    parts.push(sql`(select ag.team_id from agents ag
      where ag.id = ${firstAgent}) in ${idList(filter.teamIds)}`);
  }

  return sql.join(parts, sql` and `);
}

/** Source, campaign, agent and team narrowing of a lead-level figure. */
export function leadNarrowing(filter: MetricFilter, lead = sql.raw("l")): SQL {
  return sql`(${leadScope(filter, lead)} and ${leadAgentScope(filter, lead)})`;
}

/** The channel narrowing of attempts, for an attempts alias. */
export function attemptChannelScope(
  filter: Pick<MetricFilter, "channels">,
  attempt = sql.raw("a"),
): SQL {
  if (filter.channels.length === 0) return sql`true`;
  const channels = filter.channels.map((value) => sql`${value}`);

  return sql`${attempt}.channel::text in (${sql.join(channels, sql`, `)})`;
}

/** Agent and team narrowing of attempt-level figures: the attempt's own
 * agent. Attempts without an agent (automation) fall out under either. */
export function attemptAgentScope(
  filter: Pick<MetricFilter, "agentIds" | "teamIds">,
  attempt = sql.raw("a"),
): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.agentIds.length > 0) {
    parts.push(sql`${attempt}.agent_id in ${idList(filter.agentIds)}`);
  }
  if (filter.teamIds.length > 0) {
    parts.push(sql`${attempt}.agent_id in (select ag.id from agents ag
      where ag.team_id in ${idList(filter.teamIds)})`);
  }

  return sql.join(parts, sql` and `);
}

/** The leads a lead-level figure of the period counts: created on one of the
 * period's days in `timeZone`, within the source, campaign, agent and team
 * narrowing. Leads without a creation instant are never in it. */
export function leadsOfPeriod(
  filter: MetricFilter,
  timeZone: string,
  lead = sql.raw("l"),
): SQL {
  return sql`(${lead}.created_at is not null
    and ${instantInPeriod(sql`${lead}.created_at`, filter, timeZone)}
    and ${leadNarrowing(filter, lead)})`;
}
