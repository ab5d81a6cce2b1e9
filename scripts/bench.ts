// The speed benchmark: `npm run bench -- --leads 1000000`. For each size it
// creates a database of its own on the local PostgreSQL server, loads
// synthetic data, times a full rebuild of the aggregates and the refresh
// of a quarter-hour of new data, then times every page's figures from the
// aggregates against the same figures from the raw rows. See
// docs/performance.md.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { rebuildAggregates, rebuildConnections } from "@/lib/aggregates";
import type { Database } from "@/lib/db";
import { openPostgres } from "@/lib/db/client";
import * as schema from "@/lib/db/schema";
import { env } from "@/lib/env";
import { parseMetricFilter } from "@/lib/metrics/filter";
import { getSettings } from "@/lib/settings";
import { runQuarterHour } from "./bench/batch";
import { loadAverage, openWriter } from "./bench/cpu";
import { loadSyntheticData, seconds, writeOrganisation } from "./bench/load";
import { pages, timeRuns } from "./bench/pages";
import {
  type Row,
  formatTable,
  goalSize,
  goals,
  verdict,
} from "./bench/report";

const { values } = parseArgs({
  options: {
    leads: { type: "string" },
    sizes: { type: "string" },
    runs: { type: "string", default: "15" },
    "raw-runs": { type: "string", default: "1" },
    "raw-timeout": { type: "string", default: "30" },
    days: { type: "string", default: "365" },
    seed: { type: "string", default: "20261204" },
    keep: { type: "boolean", default: false },
    // Attempt rows per file for the import benchmark after the figures;
    // 0 leaves it out.
    import: { type: "string", default: "1000000" },
    "import-api": { type: "string", default: "100000" },
  },
});

const leads = Number(values.leads ?? 1_000_000);
const sizes = values.sizes
  ? values.sizes.split(",").map(Number)
  : leads > 100_000
    ? [100_000, leads]
    : [leads];
const runs = Number(values.runs);
const rawRuns = Number(values["raw-runs"]);
const rawTimeoutMs = Number(values["raw-timeout"]) * 1000;
const days = Number(values.days);
// The data ends late on 4 December 2026 in the reporting zone (Madrid).
const end = Date.parse("2026-12-04T22:30:00Z");
const filters = {
  "last 30 days": parseMetricFilter({ from: "2026-11-05", to: "2026-12-04" }),
  "last 90 days": parseMetricFilter({ from: "2026-09-06", to: "2026-12-04" }),
  "one source, 90 days": parseMetricFilter({
    from: "2026-09-06",
    to: "2026-12-04",
    sourceIds: [1],
  }),
};

const rawApplication = "reachboard-bench-raw";
const quarterHours = 3;

function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);

  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

const adminUrl =
  env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const say = (line: string) => console.log(line);

async function describeMachine(): Promise<void> {
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const [row] = await admin<{ version: string }[]>`select version()`;
  await admin.end();
  const memory = (os.totalmem() / 1024 ** 3).toFixed(1);
  say(`Reachboard benchmark, ${new Date().toISOString().slice(0, 10)}`);
  say(
    `machine: ${os.availableParallelism()} cores, ${memory} GB memory, Node ${process.version}`,
  );
  say(`server: ${row?.version ?? "unknown"}`);
  say(
    `sizes: ${sizes.map((size) => size.toLocaleString("en")).join(", ")} leads over ${days} days; ${runs} runs per figure from the aggregates, ${rawRuns} from the raw rows (each stopped after ${rawTimeoutMs / 1000} s)`,
  );
}

async function benchSize(size: number): Promise<Row[]> {
  const name = `reachboard_bench_${size}_${randomBytes(3).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(adminUrl);
  target.pathname = `/${name}`;
  const connection = await openPostgres(target.toString());
  const started = Date.now();

  try {
    say(`\n== ${size.toLocaleString("en")} leads (database ${name})`);
    await writeOrganisation(connection);
    const loaded = await loadSyntheticData(
      connection,
      target.toString(),
      { leads: size, days, end, seed: Number(values.seed) },
      say,
    );
    say(
      `loaded ${loaded.leads.toLocaleString("en")} leads and ${loaded.attempts.toLocaleString("en")} attempts in ${(loaded.ms / 1000).toFixed(1)} s`,
    );

    const writer = await openWriter(target.toString());
    say(`rebuilding the aggregates… (load average ${loadAverage()})`);
    const cpuBefore = writer.serverCpuMs();
    const rebuild = await rebuildAggregates(writer.db, {
      vacuum: true,
      connections: rebuildConnections(),
    });
    const rebuildCpu = cpuMs(cpuBefore, writer.serverCpuMs());
    say(
      `full rebuild: ${(rebuild.ms / 1000).toFixed(1)} s on ${rebuild.connections} connections${rebuildCpu} (load average ${loadAverage()})`,
    );

    // Three quarter-hours in a row, as they arrive through the day. The
    // first after a rebuild also pays for the first visit to pages the
    // rebuild wrote; the goal is judged on the median.
    const refreshes: number[] = [];
    let data = loaded;
    for (let n = 1; n <= quarterHours; n += 1) {
      const refreshCpuBefore = writer.serverCpuMs();
      const batch = await runQuarterHour(
        { ...connection, db: writer.db },
        data,
        {
          leads: 2_000,
          attempts: 10_000,
        },
      );
      const refreshCpu = cpuMs(refreshCpuBefore, writer.serverCpuMs());
      refreshes.push(batch.refreshMs);
      data = {
        ...data,
        leads: data.leads + batch.leads,
        attempts: data.attempts + batch.attempts,
        end: data.end + 15 * 60_000,
      };
      say(
        `quarter-hour refresh ${n} of ${quarterHours}: ${batch.refreshMs} ms for ${batch.leads} new leads and ${batch.attempts} attempts (${batch.touchedLeads} leads recomputed; writing them took ${batch.writeMs} ms${refreshCpu} for writing and refreshing)`,
      );
    }
    await writer.close();
    const refreshMs = medianOf(refreshes);
    const refreshList = `${refreshMs} ms (median of ${refreshes.join(", ")} ms)`;

    // Raw rows get connections of their own, cancelled when a figure takes
    // longer than --raw-timeout, so that one slow figure cannot hold the
    // run for an hour.
    const rawClient = postgres(target.toString(), {
      max: 10,
      onnotice: () => {},
      connection: {
        jit: "off",
        TimeZone: "UTC",
        application_name: rawApplication,
      },
    });
    const rawDb = drizzle(rawClient, { schema }) as unknown as Database;
    // A figure runs several statements: cancelling one lets the next
    // start, so cancel until none is left running.
    const cancelRaw = async () => {
      for (let attempt = 0; attempt < 100; attempt += 1) {
        const cancelled = await admin`select pg_cancel_backend(pid)
          from pg_stat_activity
          where application_name = ${rawApplication} and datname = ${name}
            and state = 'active'`;
        if (cancelled.length === 0) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    };
    const rows = await timePages(connection.db, rawDb, cancelRaw).finally(() =>
      rawClient.end(),
    );
    say(
      `\n${size.toLocaleString("en")} leads: rebuild ${(rebuild.ms / 1000).toFixed(1)} s${rebuildCpu}, quarter-hour refresh ${refreshList}; figures measured at load average ${loadAverage()}`,
    );
    const judged = size >= goalSize;
    say(formatTable(rows, judged));
    if (judged) {
      const missed = rows.filter((row) => verdict(row) !== "ok").length;
      say(
        `goals: rebuild ${rebuild.ms <= goals.rebuildMs ? "ok" : "missed"} (${(rebuild.ms / 1000).toFixed(1)} s, goal ≤ ${goals.rebuildMs / 1000} s); quarter-hour refresh ${refreshMs < goals.refreshMs ? "ok" : "missed"} (${refreshList}, goal < ${goals.refreshMs} ms); figures and pages: ${rows.length - missed} of ${rows.length} rows meet every goal`,
      );
    } else {
      say(
        `(the goals are set at ${goalSize.toLocaleString("en")} leads; this size shows the growth)`,
      );
    }
    say(`(${size.toLocaleString("en")} leads done in ${seconds(started)})`);

    return rows;
  } finally {
    await connection.close();
    if (!values.keep) {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
    } else {
      say(`kept database ${name}`);
    }
    await admin.end();
  }
}

// ", 12.3 s of server CPU", or nothing when it cannot be read.
function cpuMs(before: number | null, after: number | null): string {
  if (before === null || after === null) return "";

  return `, ${((after - before) / 1000).toFixed(1)} s of server CPU`;
}

/** Runs `task`, cancelling the raw-row queries once it has taken longer
 * than the raw timeout; it then fails as PostgreSQL's own timeout does. */
function withDeadline(
  task: () => Promise<unknown>,
  cancel: () => Promise<void>,
): () => Promise<unknown> {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    let expired = false;
    const running = task();
    const deadline = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        expired = true;
        resolve();
      }, rawTimeoutMs);
    });
    try {
      await Promise.race([running, deadline]);
      if (expired) {
        await cancel();
        await running.catch(() => {});
        throw Object.assign(new Error("raw rows took too long"), {
          code: "57014",
        });
      }
    } finally {
      clearTimeout(timer);
    }
  };
}

async function timePages(
  db: Database,
  rawDb: Database,
  cancelRaw: () => Promise<void>,
) {
  const settings = await getSettings(db);
  const rows: Row[] = [];
  for (const [filterName, filter] of Object.entries(filters)) {
    for (const page of pages) {
      for (const widget of page.widgets) {
        const aggregates = await timeRuns(runs, () =>
          widget.run(db, filter, settings, {}),
        );
        const raw = await timeRuns(
          rawRuns,
          withDeadline(
            () => widget.run(rawDb, filter, settings, { via: "rows" }),
            cancelRaw,
          ),
          false,
        );
        rows.push({
          page: page.name,
          widget: widget.name,
          filter: filterName,
          aggregates,
          rows: raw,
        });
        say(
          `  ${filterName} · ${page.name} · ${widget.name}: ${aggregates.median.toFixed(1)} ms (p95 ${aggregates.p95.toFixed(1)}) vs ${raw.median.toFixed(0)} ms raw`,
        );
      }
      // The page's figures at once, as the page awaits them; the raw rows
      // on their own connections, stopped at the same deadline.
      const aggregates = await timeRuns(runs, () =>
        Promise.all(page.widgets.map((w) => w.run(db, filter, settings, {}))),
      );
      const raw = await timeRuns(
        rawRuns,
        withDeadline(
          () =>
            Promise.all(
              page.widgets.map((w) =>
                w.run(rawDb, filter, settings, { via: "rows" }),
              ),
            ),
          cancelRaw,
        ),
        false,
      );
      rows.push({
        page: page.name,
        widget: "(whole page)",
        filter: filterName,
        aggregates,
        rows: raw,
      });
    }
  }

  return rows;
}

async function main() {
  await describeMachine();
  say(
    `goals at a million leads: each figure ≤ ${goals.widgetMedianMs} ms median and ≤ ${goals.widgetP95Ms} ms p95, a page ≤ ${goals.pageMs} ms (its figures in parallel, p95), ≥ ${goals.speedUp}× faster than raw rows`,
  );
  const results: { size: number; rows: Row[] }[] = [];
  for (const size of sizes) results.push({ size, rows: await benchSize(size) });
  printGrowth(results);
  benchImport();
}

/** File imports and the API beside COPY, in processes of their own (see
 * bench-import.ts), on the same server. */
function benchImport() {
  const importRows = values.import.split(",").map(Number).filter(Boolean);
  if (importRows.length === 0) return;
  say(
    `\n== imports of ${importRows.map((n) => n.toLocaleString("en")).join(", ")} attempt rows beside COPY`,
  );
  const result = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      fileURLToPath(new URL("./bench-import.ts", import.meta.url)),
      ...importRows.map(String),
      "--api",
      values["import-api"],
    ],
    { stdio: "inherit", env: { ...process.env, DATABASE_URL: adminUrl } },
  );
  if (result.status !== 0) {
    throw new Error(`the import benchmark failed (exit ${result.status})`);
  }
}

function printGrowth(results: { size: number; rows: Row[] }[]) {
  if (results.length > 1) {
    say("\ngrowth of the median from the smallest to the largest size:");
    const [first] = results;
    const last = results[results.length - 1];
    for (const row of last?.rows ?? []) {
      const before = first?.rows.find(
        (r) =>
          r.widget === row.widget &&
          r.filter === row.filter &&
          r.page === row.page,
      );
      if (!before || row.widget !== "(whole page)") continue;
      say(
        `  ${row.page.padEnd(10)} ${row.filter.padEnd(20)} aggregates ${(row.aggregates.median / before.aggregates.median).toFixed(1)}×, raw rows ${(row.rows.median / before.rows.median).toFixed(1)}×`,
      );
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
