import { rebuildAggregates, refreshAggregates } from "@/lib/aggregates";
import type { Database } from "@/lib/db";
import {
  agents,
  attempts,
  dispositionCodes,
  dispositions,
  leads,
  settings,
  sources,
  teams,
  templates,
} from "@/lib/db/schema";

type LeadInsert = typeof leads.$inferInsert;
type AttemptInsert = typeof attempts.$inferInsert;

/** A lead for a fixture: names instead of ids, everything else optional. */
export type FixtureLead = Omit<
  LeadInsert,
  "id" | "origin" | "externalId" | "sourceId" | "timeZone"
> & {
  key: string;
  source?: string;
  timeZone?: string;
};

export type FixtureAttempt = Omit<
  AttemptInsert,
  | "id"
  | "origin"
  | "externalId"
  | "leadId"
  | "agentId"
  | "startedAt"
  | "templateId"
> & {
  lead: string;
  at: string;
  key?: string;
  agent?: string;
  template?: string;
};

export type Fixture = {
  settings?: Partial<typeof settings.$inferInsert>;
  teams?: { name: string; agents: string[] }[];
  templates?: (typeof templates.$inferInsert)[];
  dispositions?: (typeof dispositions.$inferInsert & { codes?: string[] })[];
  leads: FixtureLead[];
  attempts?: FixtureAttempt[];
};

/**
 * Writes a small hand-made data set: sources, agents and templates are
 * created from the names the leads and attempts use. Returns the ids by
 * the fixture's own keys, so tests can assert on them.
 */
export async function insertFixture(db: Database, fixture: Fixture) {
  const settingsInsert = db
    .insert(settings)
    .values({ id: 1, ...fixture.settings });
  if (fixture.settings && Object.keys(fixture.settings).length > 0) {
    await settingsInsert.onConflictDoUpdate({
      target: settings.id,
      set: fixture.settings,
    });
  } else {
    await settingsInsert.onConflictDoNothing();
  }

  const sourceIds = new Map<string, number>();
  for (const name of new Set(
    fixture.leads.map((lead) => lead.source ?? "Web"),
  )) {
    const [row] = await db.insert(sources).values({ name }).returning();
    if (row) sourceIds.set(name, row.id);
  }

  const agentIds = new Map<string, number>();
  for (const team of fixture.teams ?? []) {
    const [teamRow] = await db
      .insert(teams)
      .values({ name: team.name })
      .returning();
    for (const name of team.agents) {
      const [agentRow] = await db
        .insert(agents)
        .values({ externalId: name, name, teamId: teamRow?.id })
        .returning();
      if (agentRow) agentIds.set(name, agentRow.id);
    }
  }

  const templateIds = new Map<string, number>();
  for (const template of fixture.templates ?? []) {
    const [row] = await db.insert(templates).values(template).returning();
    if (row) templateIds.set(row.name, row.id);
  }

  for (const { codes, ...disposition } of fixture.dispositions ?? []) {
    const [row] = await db.insert(dispositions).values(disposition).returning();
    for (const code of codes ?? []) {
      if (row) {
        await db.insert(dispositionCodes).values({
          origin: "fixture",
          code: code.toLowerCase(),
          dispositionId: row.id,
        });
      }
    }
  }

  const leadIds = new Map<string, number>();
  for (const { key, source, timeZone, ...lead } of fixture.leads) {
    const [row] = await db
      .insert(leads)
      .values({
        ...lead,
        origin: "fixture",
        externalId: key,
        sourceId: sourceIds.get(source ?? "Web") ?? 0,
        timeZone: timeZone ?? "Europe/Madrid",
      })
      .returning();
    if (row) leadIds.set(key, row.id);
  }

  const attemptIds: number[] = [];
  for (const [index, attempt] of (fixture.attempts ?? []).entries()) {
    const { lead, at, key, agent, template, ...rest } = attempt;
    const leadId = leadIds.get(lead);
    if (leadId === undefined)
      throw new Error(`fixture attempt names unknown lead ${lead}`);
    const [row] = await db
      .insert(attempts)
      .values({
        ...rest,
        origin: "fixture",
        externalId: key ?? `attempt-${index + 1}`,
        leadId,
        startedAt: new Date(at),
        agentId: agent ? agentIds.get(agent) : undefined,
        templateId: template ? templateIds.get(template) : undefined,
      })
      .returning();
    if (row) attemptIds.push(row.id);
  }

  // Figures answer from the aggregates, so they must hold what was written.
  await refreshAggregates(db, { leadIds: [...leadIds.values()] });

  return { sourceIds, agentIds, templateIds, leadIds, attemptIds };
}

/** Removes every lead, attempt and named record; the settings stay. */
export async function clearFixture(db: Database) {
  await db.delete(attempts);
  await db.delete(leads);
  await db.delete(dispositionCodes);
  await db.delete(dispositions);
  await db.delete(templates);
  await db.delete(agents);
  await db.delete(teams);
  await db.delete(sources);
  await rebuildAggregates(db);
}
