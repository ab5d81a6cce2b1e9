import fs from "node:fs";
import { defineConfig } from "@playwright/test";
import { acquireRunLock } from "./e2e/fixtures/run-lock";
import { e2eAdmin, e2ePort } from "./e2e/fixtures/server";

// The config is also read by each worker; only the main process locks.
if (process.env.TEST_WORKER_INDEX === undefined) acquireRunLock();

// Debian's Chromium where it is installed (Playwright cannot download its
// own browser offline); elsewhere Playwright's own build.
const debianChromium = "/usr/bin/chromium";
const executablePath = fs.existsSync(debianChromium)
  ? debianChromium
  : undefined;
const baseURL = `http://127.0.0.1:${e2ePort}`;

export default defineConfig({
  testDir: "e2e",
  timeout: 90_000,
  expect: { timeout: 15_000 },
  workers: 1,
  fullyParallel: false,
  reporter: [["list"], ["json", { outputFile: "test-results/e2e.json" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: "npx tsx scripts/start.ts",
    url: `${baseURL}/login`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(e2ePort),
      HOST: "127.0.0.1",
      REACHBOARD_DEMO: "off",
      ADMIN_EMAIL: e2eAdmin.email,
      ADMIN_PASSWORD: e2eAdmin.password,
      NEXT_TELEMETRY_DISABLED: "1",
      TZ: "UTC",
    },
  },
});
