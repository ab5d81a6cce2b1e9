import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { verifyPassword } from "./password";
import type { Role } from "./roles";
import { clearFailures, reservePasswordTry } from "./throttle";

export type SignInResult =
  | {
      ok: true;
      user: { id: number; name: string; role: Role; sessionVersion: number };
    }
  | { ok: false; reason: "invalid" | "throttled" };

export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/** Checks a password, slowing down guessing: after five failures for one
 * account, or twenty from one client address, within a quarter of an
 * hour, further tries are refused until the window has passed, whatever
 * the password. */
export async function checkCredentials(
  db: Database,
  email: string,
  password: string,
  address: string | null = null,
): Promise<SignInResult> {
  const key = accountKey(email);
  if (!(await reservePasswordTry(db, key, address)))
    return { ok: false, reason: "throttled" };

  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  const valid =
    user?.active === true &&
    (await verifyPassword(password, user.passwordHash));
  if (!user || !valid) {
    await recordAudit(db, {
      userId: user?.id ?? null,
      action: "sign_in_failed",
    });

    return { ok: false, reason: "invalid" };
  }

  await clearFailures(db, key);
  await recordAudit(db, { userId: user.id, action: "sign_in" });

  return {
    ok: true,
    user: {
      id: user.id,
      name: user.name,
      role: user.role,
      sessionVersion: user.sessionVersion,
    },
  };
}
