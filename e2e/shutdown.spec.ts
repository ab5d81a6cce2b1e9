import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { expect, test } from "@playwright/test";
import { e2ePort } from "./fixtures/server";

// Ctrl+C on `npm start` must close the embedded database. A process that
// ends without closing it leaves it as after a crash: the next start
// recovers, and PostgreSQL empties every unlogged table on recovery (the
// aggregates among them, which then have to be rebuilt). An unlogged table
// written before the start tells the two apart: it keeps its row only
// when the server closed the database.

const port = e2ePort + 1;

async function probeRows(dataDir: string): Promise<number> {
  const lite = await PGlite.create({ dataDir });
  try {
    const result = await lite.query<{ n: number }>(
      "select count(*)::int as n from shutdown_probe",
    );

    return result.rows[0]?.n ?? -1;
  } finally {
    await lite.close();
  }
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", resolve));
}

test("Ctrl+C closes the embedded database, so its next start is not a crash recovery", async () => {
  test.setTimeout(180_000);
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "reachboard-stop-"));
  const dataDir = path.join(folder, "pglite");
  try {
    const lite = await PGlite.create({ dataDir });
    await lite.exec(`create unlogged table shutdown_probe (n int);
      insert into shutdown_probe values (1);`);
    await lite.close();
    expect(await probeRows(dataDir)).toBe(1);

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      REACHBOARD_DATA_DIR: folder,
      REACHBOARD_DEMO: "off",
      ADMIN_EMAIL: "stop@e2e.example",
      ADMIN_PASSWORD: "stop-e2e-password-123",
      HOST: "127.0.0.1",
      PORT: String(port),
    };
    delete env.DATABASE_URL;
    // A process group of its own, as a terminal gives `npm start`, so that
    // the signal reaches the server as Ctrl+C does.
    const child = spawn("npx", ["tsx", "scripts/start.ts"], {
      env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stopped = exited(child);
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    await expect
      .poll(() => output, { timeout: 150_000 })
      .toContain("Reachboard is ready");

    // A request that reads the database, so that the server opens it.
    const answer = await fetch(`http://127.0.0.1:${port}/api/v1/metrics`, {
      headers: { Authorization: "Bearer rb_live_not-a-key" },
    });
    expect(answer.status).toBe(401);
    await expect.poll(() => output).toContain("opened pglite");

    process.kill(-(child.pid ?? 0), "SIGINT");
    await stopped;

    expect(await probeRows(dataDir)).toBe(1);
    // The lock on the data folder went with the database.
    expect(fs.existsSync(path.join(folder, "pglite.pid"))).toBe(false);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
});
