import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// What a production build depends on: when none of it changed since the
// last build, starting skips the 20-40 s `next build`.
const inputs = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.mjs",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
const stampFile = path.join(".next", "reachboard-build-stamp");

function fingerprint(): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    if (!fs.existsSync(entry)) return;
    const stat = fs.statSync(entry);
    if (stat.isDirectory()) {
      for (const child of fs.readdirSync(entry).sort())
        visit(path.join(entry, child));
      return;
    }
    if (/\.test\.tsx?$/.test(entry)) return;
    hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
  };
  inputs.forEach(visit);

  return hash.digest("hex");
}

/** Runs `next build` unless the last build was made from the same files. */
export function buildIfNeeded(log: (line: string) => void): void {
  const wanted = fingerprint();
  const built = fs.existsSync(stampFile)
    ? fs.readFileSync(stampFile, "utf8")
    : null;
  if (built === wanted && fs.existsSync(path.join(".next", "BUILD_ID"))) return;

  log("Building the dashboard (next build, about half a minute)…");
  const result = spawnSync(
    process.execPath,
    ["node_modules/next/dist/bin/next", "build"],
    {
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  if (result.status !== 0)
    throw new Error("next build failed; see the output above");
  fs.writeFileSync(stampFile, wanted);
}
