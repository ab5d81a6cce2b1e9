import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApiKey } from "@/lib/api-keys";
import { postAttempts } from "@/lib/api/routes";
import type { Connection } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import { importFile } from "@/lib/import";
import {
  attemptHeader,
  attemptItem,
  attemptLine,
  attemptsPerLead,
  copyFileInto,
  copyQueryToFile,
  upsertInBatches,
  leadHeader,
  leadLine,
  sampleMemory,
  writeLines,
} from "./bench/import";

// `[DATABASE_URL=postgres://…] TZ=UTC npx tsx scripts/bench-import.ts
// [ROWS …] [--api ROWS]`: for each size (default 200,000 and 1,000,000
// attempts, one lead per five), in a process of its own so that its peak
// memory is its own, on a fresh database (PostgreSQL when DATABASE_URL is
// set, else in-memory PGlite):
// - imports the leads, then the attempts file streamed from disk through
//   importFile, timing each phase;
// - COPYs the same file into a scratch table of text columns (a), and the
//   rows as importFile stored them into a scratch copy of the attempts
//   table with its indexes (b), and with its foreign keys as well (c);
// - POSTs attempts of the same shape to the API handler, 1,000 per batch;
// - as the API's own yardstick (d), upserts as many of the stored rows as
//   the API posted into a copy of attempts with its indexes and foreign
//   keys, 1,000 per statement and transaction, from a table holding them:
//   the one statement a batch cannot do without, with nothing around it.
// It prints rows per second, the ratios to (a) and (b) and the peak
// resident memory while importing. The databases and files are dropped.

const batchItems = 1_000;

type Result = {
  rows: number;
  database: string;
  importMs: number;
  phases: Record<string, number>;
  peakRssMb: number;
  copyTextMs: number;
  copyResolvedMs: number;
  copyCheckedMs: number;
  /** Yardstick (d), over apiRows rows; 0 without an API run. */
  upsertMs: number;
  apiRows: number;
  apiMs: number;
  /** Of apiMs, the aggregate refreshes the batches ran. */
  apiAggregatesMs: number;
};

async function runOne(rows: number, apiRows: number): Promise<Result> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "reachboard-bench-"));
  const connection = await createTestConnection();
  const memory = sampleMemory();
  try {
    const leads = Math.ceil(rows / attemptsPerLead);
    const leadFile = path.join(folder, "leads.csv");
    const attemptFile = path.join(folder, "attempts.csv");
    await writeLines(leadFile, leadHeader, leads, leadLine("csv"));
    await writeLines(attemptFile, attemptHeader, rows, attemptLine);
    await importStream(connection, "leads", leadFile, "csv");

    const phases: Record<string, number> = {};
    memory.take();
    const importStarted = Date.now();
    const summary = await importStream(connection, "attempts", attemptFile, {
      onPhase: (phase, ms) => {
        phases[phase] = (phases[phase] ?? 0) + ms;
      },
    });
    const importMs = Date.now() - importStarted;
    const peakRssMb = memory.take();
    if (summary.inserted !== rows)
      throw new Error(`imported ${summary.inserted} of ${rows} attempts`);

    const copyTextMs = await copyFileInto(
      connection,
      "bench_text",
      attemptFile,
      "with (format csv, header true)",
      `create temporary table bench_text (external_id text,
        lead_external_id text, started_at text, outcome text, agent text,
        duration_seconds text)`,
    );
    const resolvedFile = path.join(folder, "resolved.tsv");
    await copyQueryToFile(connection, "select * from attempts", resolvedFile);
    const copyResolvedMs = await copyFileInto(
      connection,
      "bench_attempts",
      resolvedFile,
      "",
      "create table bench_attempts (like attempts including all)",
    );
    const copyCheckedMs = await copyFileInto(
      connection,
      "bench_checked",
      resolvedFile,
      "",
      `create table bench_checked (like attempts including all);
      alter table bench_checked
        add foreign key (lead_id) references leads (id),
        add foreign key (agent_id) references agents (id),
        add foreign key (template_id) references templates (id),
        add foreign key (import_id) references imports (id)`,
    );
    const upsertMs = await upsertInBatches(
      connection,
      "bench_attempts",
      apiRows,
      batchItems,
    );
    const api = await postApiBatches(connection, folder, apiRows);

    return {
      rows,
      database: connection.kind,
      importMs,
      phases,
      peakRssMb,
      copyTextMs,
      copyResolvedMs,
      copyCheckedMs,
      upsertMs,
      apiRows,
      ...api,
    };
  } finally {
    memory.stop();
    await connection.close();
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

function importStream(
  connection: Connection,
  preset: "leads" | "attempts",
  file: string,
  options: "csv" | "api" | { onPhase: (phase: string, ms: number) => void },
) {
  return importFile(connection.db, {
    preset,
    fileName: path.basename(file),
    input: fs.createReadStream(file),
    reopen: () => fs.createReadStream(file),
    ...(typeof options === "string" ? { origin: options } : options),
  });
}

// Leads of origin api first, as a CRM would have sent them; then the
// attempts, batch by batch. Only the handler's time is counted.
async function postApiBatches(
  connection: Connection,
  folder: string,
  apiRows: number,
): Promise<{ apiMs: number; apiAggregatesMs: number }> {
  if (apiRows === 0) return { apiMs: 0, apiAggregatesMs: 0 };
  const leadFile = path.join(folder, "api-leads.csv");
  const leads = Math.ceil(apiRows / attemptsPerLead);
  await writeLines(leadFile, leadHeader, leads, leadLine("api"));
  await importStream(connection, "leads", leadFile, "api");
  const [admin] = await connection.db
    .insert(users)
    .values({
      email: "bench@example.test",
      name: "Bench",
      role: "admin",
      passwordHash: "x",
    })
    .returning({ id: users.id });
  if (!admin) throw new Error("no admin");
  const key = await createApiKey(connection.db, admin.id, {
    name: "bench",
    role: "admin",
  });

  const aggregates = watchAggregateLog();
  let ms = 0;
  for (let start = 0; start < apiRows; start += batchItems) {
    const count = Math.min(batchItems, apiRows - start);
    const items = Array.from({ length: count }, (_, i) =>
      attemptItem(start + i),
    );
    const text = JSON.stringify({ items });
    const started = Date.now();
    const answer = await postAttempts(connection.db, {
      authorization: `Bearer ${key.secret}`,
      contentType: "application/json",
      text,
    });
    ms += Date.now() - started;
    const inserted = (answer.body as { counts?: { inserted: number } }).counts
      ?.inserted;
    if (answer.status !== 200 || inserted !== count)
      throw new Error(`API batch at ${start}: ${JSON.stringify(answer.body)}`);
  }

  return { apiMs: ms, apiAggregatesMs: aggregates.stop() };
}

// The aggregates log how long each refresh took; the API's answer does not
// say, so the benchmark reads the log lines this process writes.
function watchAggregateLog() {
  const write = console.log;
  let ms = 0;
  console.log = (...args: unknown[]) => {
    const line = String(args[0]);
    const match = / aggregates: (refreshed|rebuilt) aggregates (\{.*\})$/.exec(
      line,
    );
    if (match?.[2]) ms += (JSON.parse(match[2]) as { ms: number }).ms;
    write(...args);
  };

  return {
    stop: () => {
      console.log = write;

      return ms;
    },
  };
}

function perSecond(rows: number, ms: number): number {
  return Math.round(rows / (ms / 1000));
}

function percent(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)} %`;
}

function printResult(result: Result) {
  const aggregatesMs = result.phases.aggregates ?? 0;
  const text = perSecond(result.rows, result.copyTextMs);
  const resolved = perSecond(result.rows, result.copyResolvedMs);
  const whole = perSecond(result.rows, result.importMs);
  const bare = perSecond(result.rows, result.importMs - aggregatesMs);
  const checked = perSecond(result.rows, result.copyCheckedMs);
  const upsert = result.apiRows
    ? perSecond(result.apiRows, result.upsertMs)
    : 0;
  const api = result.apiRows ? perSecond(result.apiRows, result.apiMs) : 0;
  const apiBare = result.apiRows
    ? perSecond(result.apiRows, result.apiMs - result.apiAggregatesMs)
    : 0;
  const against = (rate: number) => ({
    rowsPerSecond: rate,
    "of (a)": percent(rate, text),
    "of (b)": percent(rate, resolved),
    "of (c)": percent(rate, checked),
  });
  console.log(
    `\n${result.rows.toLocaleString("en-US")} attempts on ${result.database}, peak RSS while importing ${result.peakRssMb} MB`,
  );
  const apiLabel = `API, ${result.apiRows.toLocaleString("en-US")} rows in batches of ${batchItems}`;
  console.table({
    "(a) COPY of the file into text columns": { rowsPerSecond: text },
    "(b) COPY of the stored rows into a copy of attempts, same indexes": {
      rowsPerSecond: resolved,
    },
    "(c) the same with attempts' foreign keys too": { rowsPerSecond: checked },
    ...(result.apiRows > 0
      ? {
          [`(d) upsert of ${result.apiRows.toLocaleString("en-US")} stored rows into a copy of attempts with its keys, ${batchItems.toLocaleString("en-US")} per transaction`]:
            against(upsert),
        }
      : {}),
    "importFile, end to end": against(whole),
    "importFile without the aggregate refresh": against(bare),
    ...(result.apiRows > 0
      ? {
          [apiLabel]: against(api),
          [`${apiLabel}, without the aggregate refresh`]: against(apiBare),
        }
      : {}),
  });
  console.table(
    Object.fromEntries(
      Object.entries(result.phases).map(([phase, ms]) => [phase, { ms }]),
    ),
  );
}

async function main() {
  const args = process.argv.slice(2);
  const apiAt = args.indexOf("--api");
  const apiLimit = apiAt >= 0 ? Number(args[apiAt + 1]) : 100_000;
  const oneAt = args.indexOf("--one");
  if (oneAt >= 0) {
    const rows = Number(args[oneAt + 1]);
    const result = await runOne(rows, Math.min(rows, apiLimit));
    console.log(`RESULT ${JSON.stringify(result)}`);

    return;
  }
  const sizes = args
    .filter((_, index) => apiAt < 0 || (index !== apiAt && index !== apiAt + 1))
    .map(Number);
  const script = fileURLToPath(import.meta.url);
  for (const rows of sizes.length > 0 ? sizes : [200_000, 1_000_000]) {
    const child = spawnSync(
      process.execPath,
      [
        ...process.execArgv,
        script,
        "--one",
        String(rows),
        "--api",
        String(apiLimit),
      ],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "inherit"],
        // The refresh times are read from the aggregates' info lines: a
        // quieter level would leave the API's refresh out of its figures.
        env: {
          ...process.env,
          REACHBOARD_LOG:
            process.env.REACHBOARD_LOG === "debug" ? "debug" : "info",
        },
      },
    );
    const line = child.stdout
      .split("\n")
      .find((text) => text.startsWith("RESULT "));
    if (child.status !== 0 || !line) {
      console.error(child.stdout);
      process.exit(child.status ?? 1);
    }
    printResult(JSON.parse(line.slice("RESULT ".length)) as Result);
  }
}

await main();
