import { inArray } from "drizzle-orm";
import type { Database } from "@/lib/db";
import {
  agents,
  campaigns,
  dispositionCodes,
  dispositions,
  sourceAliases,
  sources,
  teams,
  templates,
} from "@/lib/db/schema";
import { demoOrigin } from "./catalogue";
import type { DemoData } from "./types";

/** Database ids of the named records, by the names the demo data uses. */
export type NameMaps = {
  sourceIds: Map<string, number>;
  /** Keyed `${sourceId} ${campaign name}`. */
  campaignIds: Map<string, number>;
  agentIds: Map<string, number>;
  templateIds: Map<string, number>;
};

// Named records are reused when they already exist (a disposition list set
// up before the demo, for instance), so the demo only ever adds.
export async function writeOrganisation(
  db: Database,
  data: DemoData,
): Promise<NameMaps> {
  const sourceIds = await writeSources(db, data);
  const campaignIds = await writeCampaigns(db, data, sourceIds);
  const agentIds = await writeTeams(db, data);
  const templateIds = await writeTemplates(db, data);
  await writeDispositions(db, data);

  return { sourceIds, campaignIds, agentIds, templateIds };
}

export function requireId(ids: Map<string, number>, name: string): number {
  const id = ids.get(name);
  if (id === undefined)
    throw new Error(`demo data names unknown record ${name}`);

  return id;
}

async function writeSources(db: Database, data: DemoData) {
  const rows = data.sources.map((source) => ({
    name: source.name,
    costPerLeadMinor: source.costPerLeadMinor,
    costCurrency: source.costCurrency,
  }));
  await db.insert(sources).values(rows).onConflictDoNothing();
  const stored = await db
    .select({ id: sources.id, name: sources.name })
    .from(sources)
    .where(
      inArray(
        sources.name,
        rows.map((row) => row.name),
      ),
    );
  const sourceIds = new Map(stored.map((row) => [row.name, row.id]));

  const aliases = data.sources.flatMap((source) =>
    source.aliases.map((alias) => ({
      alias: alias.trim().toLowerCase(),
      sourceId: requireId(sourceIds, source.name),
    })),
  );
  await db.insert(sourceAliases).values(aliases).onConflictDoNothing();

  return sourceIds;
}

async function writeCampaigns(
  db: Database,
  data: DemoData,
  sourceIds: Map<string, number>,
) {
  const rows = data.campaigns.map((campaign) => ({
    name: campaign.name,
    sourceId: requireId(sourceIds, campaign.sourceName),
  }));
  await db.insert(campaigns).values(rows).onConflictDoNothing();
  const stored = await db
    .select()
    .from(campaigns)
    .where(inArray(campaigns.sourceId, [...sourceIds.values()]));

  return new Map(stored.map((row) => [`${row.sourceId} ${row.name}`, row.id]));
}

async function writeTeams(db: Database, data: DemoData) {
  await db.insert(teams).values(data.teams).onConflictDoNothing();
  const storedTeams = await db
    .select()
    .from(teams)
    .where(
      inArray(
        teams.name,
        data.teams.map((team) => team.name),
      ),
    );
  const teamIds = new Map(storedTeams.map((row) => [row.name, row.id]));

  const rows = data.agents.map((agent) => ({
    externalId: agent.externalId,
    name: agent.name,
    teamId: requireId(teamIds, agent.teamName),
  }));
  await db.insert(agents).values(rows).onConflictDoNothing();
  const stored = await db
    .select({ id: agents.id, externalId: agents.externalId })
    .from(agents)
    .where(
      inArray(
        agents.externalId,
        rows.map((row) => row.externalId),
      ),
    );

  return new Map(stored.map((row) => [row.externalId, row.id]));
}

async function writeTemplates(db: Database, data: DemoData) {
  await db.insert(templates).values(data.templates).onConflictDoNothing();
  const stored = await db
    .select({ id: templates.id, name: templates.name })
    .from(templates)
    .where(
      inArray(
        templates.name,
        data.templates.map((row) => row.name),
      ),
    );

  return new Map(stored.map((row) => [row.name, row.id]));
}

async function writeDispositions(db: Database, data: DemoData) {
  const rows = data.dispositions.map((disposition) => ({
    name: disposition.name,
    contact: disposition.contact,
    invalidContact: disposition.invalidContact,
    doNotContact: disposition.doNotContact,
    notInterested: disposition.notInterested,
    converted: disposition.converted,
    callback: disposition.callback,
    testRecord: disposition.testRecord,
  }));
  await db.insert(dispositions).values(rows).onConflictDoNothing();
  const stored = await db
    .select({ id: dispositions.id, name: dispositions.name })
    .from(dispositions)
    .where(
      inArray(
        dispositions.name,
        rows.map((row) => row.name),
      ),
    );
  const dispositionIds = new Map(stored.map((row) => [row.name, row.id]));

  const codes = data.dispositions.flatMap((disposition) =>
    disposition.codes.map((code) => ({
      origin: demoOrigin,
      code: code.trim().toLowerCase(),
      dispositionId: requireId(dispositionIds, disposition.name),
    })),
  );
  await db.insert(dispositionCodes).values(codes).onConflictDoNothing();
}
