import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** The session-signing secret: generated on first start and kept in the
 * data folder (readable by the owner only), so sessions survive restarts. */
export function loadOrCreateAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();

  fs.mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });

  return secret;
}
