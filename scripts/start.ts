import { spawn } from "node:child_process";
import { sql } from "drizzle-orm";
import {
  areAggregatesCurrent,
  rebuildAggregates,
  rebuildConnections,
} from "@/lib/aggregates";
import { ensureFirstAdmin } from "@/lib/auth/bootstrap";
import { openConfiguredDatabase } from "@/lib/db/client";
import { seedDemo, isDatabaseEmpty } from "@/lib/demo/seed";
import { env } from "@/lib/env";
import { describeError } from "@/lib/errors";
import { ensureDefaultDispositions } from "@/lib/import";
import { loadOrCreateAuthSecret } from "@/lib/secrets";
import { getSettings } from "@/lib/settings";
import { buildIfNeeded } from "./build-if-needed";

// `npm start`: prepare the database (migrations, first admin, demo data on
// an empty database), build when the code changed, then serve.
const dev = process.argv.includes("--dev");
const say = (line: string) => console.log(`reachboard: ${line}`);

async function prepareDatabase() {
  const connection = await openConfiguredDatabase();
  try {
    await getSettings(connection.db);
    await ensureDefaultDispositions(connection.db);
    const admin = await ensureFirstAdmin(connection.db, {
      email: env.ADMIN_EMAIL,
      password: env.ADMIN_PASSWORD,
    });
    if (
      env.REACHBOARD_DEMO === "on" &&
      (await isDatabaseEmpty(connection.db))
    ) {
      say("Loading demo data (once, on an empty database)…");
      const started = Date.now();
      const result = await seedDemo(connection, {
        onProgress: (message) => say(message),
      });
      // PGlite has no autovacuum: without fresh statistics the planner
      // picks nested loops that take minutes on the demo's joins.
      await connection.db.execute(sql`analyze`);
      say(
        `Demo data loaded: ${result.leads} leads, ${result.attempts} attempts in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
      );
    }

    // Figures answer from the aggregates only while they match the data
    // and the settings; a start after an upgrade or a seed rebuilds them.
    const settings = await getSettings(connection.db);
    if (!(await areAggregatesCurrent(connection.db, settings))) {
      say("Building the aggregates the figures read…");
      const run = await rebuildAggregates(connection.db, {
        vacuum: true,
        connections: rebuildConnections(),
      });
      say(
        `Aggregates built for ${run.leads} leads in ${(run.ms / 1000).toFixed(1)} s.`,
      );
    }

    return admin;
  } finally {
    await connection.close();
  }
}

function signInHint(
  admin: Awaited<ReturnType<typeof prepareDatabase>>,
): string {
  if (admin.created && admin.generatedPassword) {
    return (
      `Sign in as ${admin.email} with the password ${admin.generatedPassword}\n` +
      "reachboard: (this password is shown only once; keep it, or set ADMIN_EMAIL and ADMIN_PASSWORD before the first start)"
    );
  }
  if (admin.created) return "Sign in with ADMIN_EMAIL and ADMIN_PASSWORD.";

  return "Sign in with your account (the first admin was created on the first start).";
}

async function waitUntilServing(url: string, child: ReturnType<typeof spawn>) {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    if (child.exitCode !== null)
      throw new Error("the server stopped while starting");
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`no answer from ${url} after 150 s`);
}

async function main() {
  const secret = env.AUTH_SECRET ?? loadOrCreateAuthSecret(env.dataDir);
  say(
    `Database: ${env.databaseKind === "postgres" ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${env.dataDir}`}`,
  );
  const admin = await prepareDatabase();
  if (!dev) buildIfNeeded(say);

  const url = `http://${env.HOST}:${env.PORT}`;
  const child = spawn(
    process.execPath,
    [
      "node_modules/next/dist/bin/next",
      dev ? "dev" : "start",
      "-H",
      env.HOST,
      "-p",
      String(env.PORT),
    ],
    {
      stdio: ["ignore", "inherit", "inherit"],
      env: {
        ...process.env,
        AUTH_SECRET: secret,
        AUTH_TRUST_HOST: "true",
        // The server closes its database itself on Ctrl+C and SIGTERM
        // (instrumentation.ts), instead of Next.js exiting at once.
        NEXT_MANUAL_SIG_HANDLE: "true",
        NEXT_TELEMETRY_DISABLED: "1",
        TZ: "UTC",
      },
    },
  );
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => child.kill(signal));
  }
  child.on("exit", (code) => process.exit(code ?? 0));

  await waitUntilServing(`${url}/login`, child);
  say(`Reachboard is ready at ${url}`);
  say(signInHint(admin));
}

main().catch((error: unknown) => {
  const described = describeError(error);
  console.error(
    `reachboard: ${described.code === "internal" && error instanceof Error ? error.message : described.message}`,
  );
  process.exit(1);
});
