import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import type { Connection } from "@/lib/db";
import {
  agents,
  campaigns,
  dispositionCodes as codesTable,
  dispositions,
  settings,
  sources as sourcesTable,
  teams,
  templates,
} from "@/lib/db/schema";
import {
  type Random,
  agentsPerTeam,
  attemptColumns,
  benchOrigin,
  campaignIds,
  createPersons,
  createRandom,
  dispositionCodes,
  generateLead,
  leadColumns,
  sources,
  teamCount,
  templateCount,
} from "./synthetic";

export const day = 86_400_000;

export type Loaded = {
  leads: number;
  attempts: number;
  persons: ReturnType<typeof createPersons>;
  random: Random;
  /** Where the data stops: the quarter-hour batch starts here. */
  end: number;
  ms: number;
};

/** The organisation: settings, sources, campaigns, teams, agents,
 * templates and the dialer's outcome codes. */
export async function writeOrganisation(connection: Connection) {
  const db = connection.db;
  await db
    .insert(settings)
    .values({ id: 1, currencyRates: { EUR: 1, USD: 0.92, MXN: 0.05 } });
  await db.insert(sourcesTable).values(
    sources.map((source, index) => ({
      id: index + 1,
      name: source.name,
      costPerLeadMinor: index < 4 ? 1_000 + index * 700 : null,
      costCurrency: index < 4 ? "EUR" : null,
    })),
  );
  await db.insert(campaigns).values(
    campaignIds.flatMap((ids, sourceIndex) =>
      ids.map((id, n) => ({
        id,
        sourceId: sourceIndex + 1,
        name: `Campaign ${sourceIndex + 1}.${n + 1}`,
      })),
    ),
  );
  await db.insert(teams).values(
    Array.from({ length: teamCount }, (_, n) => ({
      id: n + 1,
      name: `Team ${n + 1}`,
    })),
  );
  await db.insert(agents).values(
    Array.from({ length: teamCount * agentsPerTeam }, (_, n) => ({
      id: n + 1,
      externalId: `agent-${n + 1}`,
      name: `Agent ${n + 1}`,
      teamId: Math.floor(n / agentsPerTeam) + 1,
    })),
  );
  await db.insert(templates).values(
    Array.from({ length: templateCount }, (_, n) => ({
      id: n + 1,
      name: `Template ${n + 1}`,
      namesCompanyAndPerson: n < 3,
      statesReason: n < 2,
      professionalTone: n !== 4,
      oneNextStep: n % 2 === 0,
    })),
  );
  for (const [index, entry] of dispositionCodes.entries()) {
    await db
      .insert(dispositions)
      .values({ id: index + 1, name: entry.name, ...entry.flags });
    await db.insert(codesTable).values({
      origin: benchOrigin,
      code: entry.code,
      dispositionId: index + 1,
    });
  }
  // Explicit ids above; later inserts continue after them.
  await db.execute(sql`select
    setval(pg_get_serial_sequence('dispositions', 'id'), 100),
    setval(pg_get_serial_sequence('templates', 'id'), 100),
    setval(pg_get_serial_sequence('agents', 'id'), 1000),
    setval(pg_get_serial_sequence('teams', 'id'), 100),
    setval(pg_get_serial_sequence('campaigns', 'id'), 1000),
    setval(pg_get_serial_sequence('sources', 'id'), 100)`);
}

async function write(stream: Writable, text: string) {
  if (!stream.write(text)) await once(stream, "drain");
}

/**
 * Generates `leadCount` leads over `days` days up to `end` with their
 * attempts, and streams them in with COPY FROM STDIN. Secondary indexes
 * are dropped for the load and built again after, and foreign keys are
 * not checked row by row (the generator keeps them).
 */
export async function loadSyntheticData(
  connection: Connection,
  url: string,
  options: { leads: number; days: number; end: number; seed: number },
  progress: (line: string) => void,
): Promise<Loaded> {
  const started = Date.now();
  const random = createRandom(options.seed);
  const persons = createPersons();
  const start = options.end - options.days * day;
  const pg = postgres(url, {
    max: 3,
    onnotice: () => {},
    connection: { session_replication_role: "replica", TimeZone: "UTC" },
  });
  const indexes = await pg<{ name: string; definition: string }[]>`
    select indexname as name, indexdef as definition from pg_indexes
    where schemaname = 'public' and tablename in ('leads', 'attempts', 'persons')
      and indexname not in (select conname from pg_constraint)`;
  for (const index of indexes) await pg.unsafe(`drop index ${index.name}`);

  const personStream = await pg`copy persons (id, key) from stdin`.writable();
  const leadStream = await pg
    .unsafe(`copy leads (${leadColumns.join(", ")}) from stdin`)
    .writable();
  const attemptStream = await pg
    .unsafe(`copy attempts (${attemptColumns.join(", ")}) from stdin`)
    .writable();

  let attemptId = 0;
  const nextAttemptId = () => ++attemptId;
  const chunk = 5_000;
  let reported = 0;
  for (let first = 1; first <= options.leads; first += chunk) {
    const leadLines: string[] = [];
    const attemptLines: string[] = [];
    const personLines: string[] = [];
    const last = Math.min(options.leads, first + chunk - 1);
    for (let id = first; id <= last; id += 1) {
      const bornAt =
        start + ((id - 1 + random.next()) / options.leads) * options.days * day;
      const createdAt = random.chance(0.01) ? null : bornAt;
      const rows = generateLead(
        random,
        { id, createdAt, bornAt },
        persons,
        nextAttemptId,
        options.end,
      );
      leadLines.push(rows.lead);
      if (rows.person) personLines.push(rows.person);
      for (const line of rows.attempts) attemptLines.push(line);
    }
    if (personLines.length > 0)
      await write(personStream, `${personLines.join("\n")}\n`);
    await write(leadStream, `${leadLines.join("\n")}\n`);
    if (attemptLines.length > 0)
      await write(attemptStream, `${attemptLines.join("\n")}\n`);
    if (last - reported >= options.leads / 10 || last === options.leads) {
      reported = last;
      progress(
        `  loaded ${last.toLocaleString("en")} of ${options.leads.toLocaleString("en")} leads, ${attemptId.toLocaleString("en")} attempts (${seconds(started)})`,
      );
    }
  }
  for (const stream of [personStream, leadStream, attemptStream]) {
    stream.end();
    await finished(stream);
  }

  progress(`  building ${indexes.length} indexes (${seconds(started)})`);
  for (const index of indexes) await pg.unsafe(index.definition);
  await pg`select setval(pg_get_serial_sequence('leads', 'id'), ${options.leads})`;
  await pg`select setval(pg_get_serial_sequence('attempts', 'id'), ${Math.max(1, attemptId)})`;
  await pg`select setval(pg_get_serial_sequence('persons', 'id'), ${Math.max(1, persons.next - 1)})`;
  await pg`vacuum analyze leads, attempts, persons`;
  await pg.end();

  return {
    leads: options.leads,
    attempts: attemptId,
    persons,
    random,
    end: options.end,
    ms: Date.now() - started,
  };
}

export function seconds(started: number): string {
  return `${((Date.now() - started) / 1000).toFixed(1)} s`;
}
