import { sql } from "drizzle-orm";
import { refreshAggregates } from "@/lib/aggregates";
import type { Connection, Database } from "@/lib/db";
import { type Loaded, day } from "./load";
import {
  agentsPerTeam,
  attemptColumns,
  benchOrigin,
  generateLead,
  leadColumns,
  teamCount,
} from "./synthetic";

const quarterHour = 15 * 60_000;

export type BatchTiming = {
  leads: number;
  attempts: number;
  touchedLeads: number;
  writeMs: number;
  refreshMs: number;
};

// COPY lines back into records for json_populate_recordset: the batch goes
// through the application's own transaction, as an import would.
function toRecords(lines: string[], columns: string[]) {
  return lines.map((line) =>
    Object.fromEntries(
      line
        .split("\t")
        .map((value, index) => [
          columns[index],
          value === "\\N" ? null : value,
        ]),
    ),
  );
}

async function insertRecords(
  db: Database,
  table: "leads" | "attempts" | "persons",
  columns: string[],
  records: object[],
) {
  const list = sql.raw(columns.join(", "));
  await db.execute(sql`insert into ${sql.raw(table)} (${list})
    select ${list} from json_populate_recordset(null::${sql.raw(table)},
      ${JSON.stringify(records)}::json)`);
}

/**
 * A quarter-hour of new data after the loaded data ends: `leads` new leads
 * with what happened to them in those minutes, and calls, messages and
 * replies to leads of the last week up to `attempts` attempts in all.
 * Written and refreshed in one transaction; both are timed.
 */
export async function runQuarterHour(
  connection: Connection,
  loaded: Loaded,
  options: { leads: number; attempts: number },
): Promise<BatchTiming> {
  const { random } = loaded;
  const from = loaded.end;
  const until = from + quarterHour;
  let attemptId = loaded.attempts;
  const nextAttemptId = () => ++attemptId;
  const leadLines: string[] = [];
  const attemptLines: string[] = [];
  const personLines: string[] = [];

  for (let n = 1; n <= options.leads; n += 1) {
    const id = loaded.leads + n;
    const bornAt = from + random.next() * quarterHour;
    const rows = generateLead(
      random,
      { id, createdAt: bornAt, bornAt },
      loaded.persons,
      nextAttemptId,
      until,
    );
    leadLines.push(rows.lead);
    if (rows.person) personLines.push(rows.person);
    attemptLines.push(...rows.attempts);
  }
  const recentFirst = Math.max(
    1,
    loaded.leads - Math.ceil((7 * day * loaded.leads) / (365 * day)),
  );
  const touched = new Set<number>();
  while (attemptLines.length < options.attempts) {
    const leadId = random.int(recentFirst, loaded.leads);
    const id = nextAttemptId();
    const at = new Date(from + random.next() * quarterHour).toISOString();
    const call = random.chance(0.8);
    const outcome = random.chance(0.18)
      ? "answered"
      : random.chance(0.6)
        ? "no_answer"
        : "voicemail";
    const agent = random.int(1, teamCount * agentsPerTeam);
    attemptLines.push(
      [
        id,
        benchOrigin,
        `a${id}`,
        leadId,
        call ? "call" : "whatsapp",
        call || random.chance(0.7) ? "outbound" : "inbound",
        false,
        call ? agent : null,
        at,
        call ? outcome : null,
        call ? random.int(0, 300) : null,
        call ? null : "delivered",
        call ? null : at,
        null,
        call ? null : random.int(1, 5),
        null,
      ]
        .map((value) => (value === null ? "\\N" : String(value)))
        .join("\t"),
    );
    touched.add(leadId);
  }

  return connection.db.transaction(async (tx) => {
    const written = Date.now();
    if (personLines.length > 0) {
      await insertRecords(
        tx,
        "persons",
        ["id", "key"],
        toRecords(personLines, ["id", "key"]),
      );
    }
    await insertRecords(
      tx,
      "leads",
      leadColumns,
      toRecords(leadLines, leadColumns),
    );
    await insertRecords(
      tx,
      "attempts",
      attemptColumns,
      toRecords(attemptLines, attemptColumns),
    );
    const writeMs = Date.now() - written;

    const leadIds = [
      ...Array.from({ length: options.leads }, (_, n) => loaded.leads + n + 1),
      ...touched,
    ];
    const refreshed = Date.now();
    const run = await refreshAggregates(tx, { leadIds });

    return {
      leads: options.leads,
      attempts: attemptLines.length,
      touchedLeads: run.leads,
      writeMs,
      refreshMs: Date.now() - refreshed,
    };
  });
}
