import { type SQL, sql } from "drizzle-orm";
import type { MetricFilter } from "@/lib/metrics/filter";
import type { CubeSpec } from "./cubes";
import { idList } from "./sql";

type Columns = {
  /** The cells' day column; null for cubes without one (undated leads). */
  day?: string | null;
  source?: string;
  /** Null when the cube has no campaign key. */
  campaign?: string | null;
  /** Null when the cube has no agent key. */
  agent?: string | null;
};

/**
 * The filter's period and narrowing over cube cells or facts of alias `c`.
 * The agent is whatever the cube is keyed by: the lead's first agent for
 * lead figures, the attempt's own agent for attempt figures, so that the
 * rules of leadAgentScope and attemptAgentScope carry over. Absent ids are
 * stored as 0 in cubes and as null in facts; neither matches a filter.
 */
export function narrowCells(
  filter: MetricFilter,
  alias = "c",
  columns: Columns = {},
): SQL {
  const column = (name: string) => sql.raw(`${alias}.${name}`);
  const day = columns.day === undefined ? "day" : columns.day;
  const campaign =
    columns.campaign === undefined ? "campaign_id" : columns.campaign;
  const agent = columns.agent === undefined ? "agent_id" : columns.agent;
  const parts: SQL[] = [sql`true`];

  if (day !== null) {
    parts.push(
      sql`${column(day)} between ${filter.from}::date and ${filter.to}::date`,
    );
  }
  if (filter.sourceIds.length > 0) {
    parts.push(
      sql`${column(columns.source ?? "source_id")} in ${idList(filter.sourceIds)}`,
    );
  }
  if (filter.campaignIds.length > 0 && campaign !== null) {
    parts.push(sql`${column(campaign)} in ${idList(filter.campaignIds)}`);
  }
  if (filter.agentIds.length > 0 && agent !== null) {
    parts.push(sql`${column(agent)} in ${idList(filter.agentIds)}`);
  }
  if (filter.teamIds.length > 0 && agent !== null) {
    parts.push(sql`${column(agent)} in (select ag.id from agents ag
      where ag.team_id in ${idList(filter.teamIds)})`);
  }

  return sql.join(parts, sql` and `);
}

/** The filter narrows by campaign, agent or team: cubes keyed by day and
 * source alone cannot answer it. */
export function narrowsBeyondSource(filter: MetricFilter): boolean {
  return (
    filter.campaignIds.length > 0 ||
    filter.agentIds.length > 0 ||
    filter.teamIds.length > 0
  );
}

/** Sums of cube columns, each cast to int and 0 without cells. */
export function sumColumns(
  alias: string,
  columns: Record<string, string>,
): SQL {
  return sql.raw(
    Object.entries(columns)
      .map(
        ([name, column]) =>
          `coalesce(sum(${alias}.${column}), 0)::int as "${name}"`,
      )
      .join(", "),
  );
}

/**
 * A `from` source of a cube keyed by day and source (`<table> c where …`),
 * narrowed to the filter. A campaign, agent or team filter needs keys the
 * cube does not have: the same rows then come from the cube's own row
 * generator over the lead facts of the filter, one row per fact.
 */
export function dayCells(cube: CubeSpec, filter: MetricFilter): SQL {
  const outer = narrowCells(filter, "c", { campaign: null, agent: null });
  if (!narrowsBeyondSource(filter)) {
    return sql`${sql.raw(cube.table)} c where ${outer}`;
  }

  return sql`(${cube.rows(() => narrowCells(filter, "f"))}) c where ${outer}`;
}
