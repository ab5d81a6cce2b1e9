import { sql } from "drizzle-orm";
import { type Connection, type Database, queryRows } from "@/lib/db";
import { attempts, leads, settings } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";
import { createLogger } from "@/lib/log";
import { regroupPersons } from "@/lib/persons/regroup-persons";
import { demoOrigin, demoReportTimezone } from "./catalogue";
import { generateDemo } from "./generate";
import type { DemoAttempt, DemoData, DemoLead } from "./types";
import { insertRecords, insertRecordsReturningIds } from "./insert-records";
import {
  type NameMaps,
  requireId,
  writeOrganisation,
} from "./write-organisation";

const log = createLogger("demo");

/** The seed `npm start` uses, so every fresh demo shows the same story. */
export const defaultDemoSeed = 20_261_204;

const batchSize = 1_000;

export type SeedDemoOptions = {
  seed?: number;
  /** `YYYY-MM-DD` in the report zone; today there unless given. */
  today?: string;
  /** Where the data stops; the current instant when `today` is not given. */
  now?: string;
  leads?: number;
  onProgress?: (message: string) => void;
};

/** True when the database holds no lead at all. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const [row] = await queryRows<{ empty: boolean }>(
    db,
    sql`select not exists (select 1 from leads) as empty`,
  );

  return row?.empty ?? true;
}

/**
 * Fills an empty database with the demo organisation in one transaction,
 * marks the settings as demo and groups the leads into persons. Refuses a
 * database that already holds leads.
 */
export async function seedDemo(
  connection: Connection,
  options: SeedDemoOptions = {},
): Promise<{ leads: number; attempts: number }> {
  const started = Date.now();
  const progress = options.onProgress ?? (() => {});
  const current = new Date();
  const today = options.today ?? formatDayIn(demoReportTimezone, current);
  const now =
    options.now ?? (options.today ? undefined : current.toISOString());
  const data = generateDemo({
    seed: options.seed ?? defaultDemoSeed,
    today,
    now,
    leads: options.leads,
  });
  progress(
    `Generated ${data.leads.length} leads and ${data.attempts.length} attempts up to ${today}.`,
  );

  await connection.db.transaction(async (tx) => {
    const db: Database = tx;
    if (!(await isDatabaseEmpty(db)))
      throw new AppError(
        "conflict",
        "The demo data goes only into an empty database: this one already holds leads.",
      );
    await writeSettings(db, data);
    const names = await writeOrganisation(db, data);
    const leadIds = await writeLeads(db, data.leads, names, progress);
    await writeAttempts(db, data.attempts, { ...names, leadIds }, progress);
    progress("Grouping leads into persons…");
    await regroupPersons(db);
  });
  const result = { leads: data.leads.length, attempts: data.attempts.length };
  log.info("seeded demo data", { ...result, ms: Date.now() - started });

  return result;
}

async function writeSettings(db: Database, data: DemoData) {
  const { isDemo, ...values } = data.settings;
  await db
    .insert(settings)
    .values({ id: 1, ...values, isDemo })
    .onConflictDoUpdate({ target: settings.id, set: { ...values, isDemo } });
}

async function writeLeads(
  db: Database,
  rows: DemoLead[],
  names: NameMaps,
  progress: (message: string) => void,
): Promise<Map<string, number>> {
  const leadIds = new Map<string, number>();
  for (let start = 0; start < rows.length; start += batchSize) {
    const values = rows.slice(start, start + batchSize).map((lead) => {
      const { sourceName, campaignName, ...rest } = lead;
      const sourceId = requireId(names.sourceIds, sourceName);
      const campaignId =
        campaignName === null
          ? null
          : requireId(names.campaignIds, `${sourceId} ${campaignName}`);

      return { ...rest, origin: demoOrigin, sourceId, campaignId };
    });
    const inserted = await insertRecordsReturningIds(db, leads, values);
    for (const row of inserted) leadIds.set(row.externalId, row.id);
    progress(
      `Wrote ${Math.min(start + batchSize, rows.length)} of ${rows.length} leads.`,
    );
  }

  return leadIds;
}

async function writeAttempts(
  db: Database,
  rows: DemoAttempt[],
  names: NameMaps & { leadIds: Map<string, number> },
  progress: (message: string) => void,
) {
  for (let start = 0; start < rows.length; start += batchSize) {
    const values = rows.slice(start, start + batchSize).map((attempt) => {
      const { leadExternalId, agentExternalId, templateName, ...rest } =
        attempt;
      const agentId =
        agentExternalId === null
          ? null
          : requireId(names.agentIds, agentExternalId);
      const templateId =
        templateName === null
          ? null
          : requireId(names.templateIds, templateName);

      return {
        ...rest,
        origin: demoOrigin,
        leadId: requireId(names.leadIds, leadExternalId),
        agentId,
        templateId,
      };
    });
    await insertRecords(db, attempts, values);
    if ((start / batchSize) % 10 === 9 || start + batchSize >= rows.length)
      progress(
        `Wrote ${Math.min(start + batchSize, rows.length)} of ${rows.length} attempts.`,
      );
  }
}

function formatDayIn(timeZone: string, instant: Date): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(instant);
}
