import { sql } from "drizzle-orm";
import type { Writable } from "node:stream";
import { createTestConnection } from "@/lib/db/testing";
import { env } from "@/lib/env";
import { importFile } from "@/lib/import";

// `DATABASE_URL=postgres://… npx tsx scripts/bench-import.ts [ROWS]`: imports
// ROWS generated attempts (default 1,000,000, one lead per five attempts)
// through importFile into a fresh database on that server, then COPYs the
// same bytes into a scratch table of text columns, and prints rows per
// second for both and the peak resident memory. The database is dropped at
// the end.

const rows = Number(process.argv[2] ?? 1_000_000);
const leadsPerAttempt = 5;

function generateLeads(count: number): Buffer {
  const lines = ["external_id,source,created_at,time_zone"];
  for (let index = 0; index < count; index += 1) {
    lines.push(
      `L-${index},Source ${index % 7},2026-03-01T09:00:00Z,Europe/Madrid`,
    );
  }

  return Buffer.from(`${lines.join("\n")}\n`);
}

function generateAttempts(count: number): Buffer {
  const outcomes = ["answered", "no_answer", "busy", "voicemail"];
  const lines = [
    "external_id,lead_external_id,started_at,outcome,agent,duration_seconds",
  ];
  for (let index = 0; index < count; index += 1) {
    const minute = String(index % 60).padStart(2, "0");
    lines.push(
      `A-${index},L-${Math.floor(index / leadsPerAttempt)},2026-03-02T10:${minute}:00Z,${outcomes[index % 4]},agent-${index % 40},${index % 300}`,
    );
  }

  return Buffer.from(`${lines.join("\n")}\n`);
}

type CopyClient = {
  unsafe: (query: string) => { writable: () => Promise<Writable> };
};

async function main() {
  if (!env.DATABASE_URL) {
    console.error("Set DATABASE_URL to a PostgreSQL server to benchmark COPY.");
    process.exit(2);
  }
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const connection = await createTestConnection();
  try {
    await importFile(connection.db, {
      preset: "leads",
      fileName: "bench-leads.csv",
      input: generateLeads(Math.ceil(rows / leadsPerAttempt)),
    });
    const attempts = generateAttempts(rows);

    const importStarted = Date.now();
    const summary = await importFile(connection.db, {
      preset: "attempts",
      fileName: "bench-attempts.csv",
      input: attempts,
    });
    const importMs = Date.now() - importStarted;

    const copyStarted = Date.now();
    await connection.db.transaction(async (tx) => {
      await tx.execute(sql`create temporary table bench_copy (external_id text,
        lead_external_id text, started_at text, outcome text, agent text,
        duration_seconds text) on commit drop`);
      const client = (tx as unknown as { session: { client: CopyClient } })
        .session.client;
      const writable = await client
        .unsafe("copy bench_copy from stdin with (format csv, header true)")
        .writable();
      await new Promise<void>((resolve, reject) => {
        writable.on("error", reject);
        writable.on("finish", resolve);
        writable.end(attempts);
      });
    });
    const copyMs = Date.now() - copyStarted;

    console.log(
      JSON.stringify(
        {
          rows,
          inserted: summary.inserted,
          importFile: {
            ms: importMs,
            rowsPerSecond: Math.round(rows / (importMs / 1000)),
          },
          plainCopy: {
            ms: copyMs,
            rowsPerSecond: Math.round(rows / (copyMs / 1000)),
          },
          peakRssMb: Math.round(peak / 1e6),
        },
        null,
        2,
      ),
    );
  } finally {
    clearInterval(sampler);
    await connection.close();
  }
}

await main();
