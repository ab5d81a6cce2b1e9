import { asc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { agents, campaigns, sources, teams } from "@/lib/db/schema";

export type FilterOption = { id: number; label: string };

export type FilterOptions = {
  sources: FilterOption[];
  campaigns: FilterOption[];
  agents: FilterOption[];
  teams: FilterOption[];
};

/** The choices of the filter bar, by name. */
export async function getFilterOptions(db: Database): Promise<FilterOptions> {
  const [sourceRows, campaignRows, agentRows, teamRows] = await Promise.all([
    db
      .select({ id: sources.id, label: sources.name })
      .from(sources)
      .orderBy(asc(sources.name)),
    db
      .select({ id: campaigns.id, name: campaigns.name, source: sources.name })
      .from(campaigns)
      .leftJoin(sources, eq(sources.id, campaigns.sourceId))
      .orderBy(asc(sources.name), asc(campaigns.name)),
    db
      .select({ id: agents.id, label: agents.name })
      .from(agents)
      .orderBy(asc(agents.name)),
    db
      .select({ id: teams.id, label: teams.name })
      .from(teams)
      .orderBy(asc(teams.name)),
  ]);

  return {
    sources: sourceRows,
    campaigns: campaignRows.map((row) => ({
      id: row.id,
      label: row.source ? `${row.source}: ${row.name}` : row.name,
    })),
    agents: agentRows,
    teams: teamRows,
  };
}
