import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { generatePassword, hashPassword, verifyPassword } from "./password";
import type { Role } from "./roles";
import { clearFailures, reservePasswordTry } from "./throttle";

export type SignInResult =
  | {
      ok: true;
      user: { id: number; name: string; role: Role; sessionVersion: number };
    }
  | { ok: false; reason: "invalid" | "throttled" };

/** A hash at the current cost of a random password, thrown away. */
const unknownAccountHash = hashPassword(generatePassword());

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
  // The password is checked even for an unknown or deactivated account,
  // against a hash of nothing anyone knows: answering without the ~50 ms
  // of scrypt would tell a guesser which addresses have an account.
  const matches = await verifyPassword(
    password,
    user?.active ? user.passwordHash : await unknownAccountHash,
  );
  const valid = user?.active === true && matches;
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
