import { createHash } from "node:crypto";
import { eq, gt, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { signInFailures, users } from "@/lib/db/schema";
import { verifyPassword } from "./password";
import type { Role } from "./roles";

/** Failures allowed per account, and per client address (guessing across
 * many accounts), in the window before sign-in is refused. */
const maxFailures = 5;
const maxFailuresPerAddress = 20;
const windowMinutes = 15;

export type SignInResult =
  | {
      ok: true;
      user: { id: number; name: string; role: Role; sessionVersion: number };
    }
  | { ok: false; reason: "invalid" | "throttled" };

export function accountKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/**
 * Records a failure before the password is checked, unless the account or
 * the address is already at its limit. Per account, the count and the
 * insert run under one advisory lock, so parallel tries cannot all see the
 * same count: exactly maxFailures of them get through. A sign-in that then
 * succeeds deletes the account's failures, this one included.
 */
async function reserveTry(
  db: Database,
  key: string,
  address: string | null,
): Promise<boolean> {
  const since = new Date(Date.now() - windowMinutes * 60_000);

  return db.transaction(async (tx) => {
    // Namespace 1 of the two-key advisory locks: one lock per account.
    await tx.execute(sql`select pg_advisory_xact_lock(1, hashtext(${key}))`);
    const [recent] = await tx
      .select({
        account: sql<number>`(count(*) filter (where ${signInFailures.accountKey} = ${key}))::int`,
        address: sql<number>`(count(*) filter (where ${signInFailures.address} = ${address}))::int`,
      })
      .from(signInFailures)
      .where(gt(signInFailures.at, since));
    if (
      (recent?.account ?? 0) >= maxFailures ||
      (recent?.address ?? 0) >= maxFailuresPerAddress
    )
      return false;
    await tx.insert(signInFailures).values({ accountKey: key, address });

    return true;
  });
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
  if (!(await reserveTry(db, key, address)))
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

  await db.delete(signInFailures).where(eq(signInFailures.accountKey, key));
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
