import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { env } from "@/lib/env";

// `npm test`: every unit and metric test, then the browser tests against a
// production build, on PGlite or, with DATABASE_URL, on that PostgreSQL
// server (each run on databases of its own, dropped afterwards).
type Counts = { passed: number; failed: number; skipped: number };

function run(
  command: string,
  args: string[],
  extraEnv: Record<string, string>,
): number {
  const result = spawnSync(command, args, {
    stdio: "inherit",
    env: {
      ...process.env,
      ...extraEnv,
      NEXT_TELEMETRY_DISABLED: "1",
      TZ: "UTC",
    },
  });

  return result.status ?? 1;
}

function readVitestCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };

  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
}

function readPlaywrightCounts(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
    stats: {
      expected: number;
      unexpected: number;
      flaky: number;
      skipped: number;
    };
  };

  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
}

async function withE2eDatabase(
  work: (extraEnv: Record<string, string>) => number,
): Promise<number> {
  if (!env.DATABASE_URL) {
    const dataDir = path.resolve(".test-data", `e2e-${Date.now()}`);
    try {
      return work({ REACHBOARD_DATA_DIR: dataDir });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }

  const name = `reachboard_e2e_${randomBytes(5).toString("hex")}`;
  const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    return work({ DATABASE_URL: url.toString() });
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function main() {
  const only = process.argv[2];
  const database = env.DATABASE_URL ? "PostgreSQL" : "PGlite";
  fs.rmSync("test-results", { recursive: true, force: true });
  fs.mkdirSync("test-results", { recursive: true });
  const totals: Counts = { passed: 0, failed: 0, skipped: 0 };
  const add = (counts: Counts) => {
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  };

  if (only !== "e2e") {
    console.log(`\n== unit and metric tests on ${database}\n`);
    const unitReport = "test-results/unit.json";
    const code = run(
      "npx",
      [
        "vitest",
        "run",
        "--reporter=default",
        "--reporter=json",
        `--outputFile=${unitReport}`,
      ],
      {},
    );
    const counts = readVitestCounts(unitReport);
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
    add(counts);
  }

  if (only !== "unit") {
    console.log(`\n== browser tests on ${database}\n`);
    const e2eReport = "test-results/e2e.json";
    const code = await withE2eDatabase((extraEnv) =>
      run("npx", ["playwright", "test"], extraEnv),
    );
    const counts = readPlaywrightCounts(e2eReport);
    if (code !== 0 && counts.failed === 0) counts.failed = 1;
    add(counts);
  }

  console.log(
    `\n${database}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`,
  );
  process.exit(totals.failed > 0 ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
