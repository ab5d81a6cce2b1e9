import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Creates `folder` (and its parents) readable and writable by this
 * process's user only, or takes group and others' rights away from it when
 * it exists: the embedded database writes its files readable and writable
 * by everyone, and they hold every lead's contact data and the users'
 * password hashes. A folder of another user is left as it is.
 */
export function makePrivateFolder(folder: string) {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const { mode, uid } = fs.statSync(folder);
  if ((mode & 0o077) !== 0 && uid === process.getuid?.())
    fs.chmodSync(folder, mode & 0o700);
}

/** The session-signing secret: generated on first start and kept in the
 * data folder (readable by the owner only), so sessions survive restarts. */
export function loadOrCreateAuthSecret(dataDir: string): string {
  const file = path.join(dataDir, "auth-secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();

  makePrivateFolder(dataDir);
  const secret = randomBytes(32).toString("base64url");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });

  return secret;
}
