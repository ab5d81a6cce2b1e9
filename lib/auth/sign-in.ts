import { createHash } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import type { Database } from "@/lib/db";
import { signInFailures, users } from "@/lib/db/schema";
import { verifyPassword } from "./password";
import type { Role } from "./roles";

/** Failures allowed per account in the window before sign-in is refused. */
const maxFailures = 5;
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

/** Checks a password, slowing down guessing: after five failures for one
 * account within a quarter of an hour, further tries are refused until the
 * window has passed, whatever the password. */
export async function checkCredentials(
  db: Database,
  email: string,
  password: string,
): Promise<SignInResult> {
  const key = accountKey(email);
  const since = new Date(Date.now() - windowMinutes * 60_000);
  const [recent] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(signInFailures)
    .where(
      and(eq(signInFailures.accountKey, key), gt(signInFailures.at, since)),
    );
  if ((recent?.count ?? 0) >= maxFailures)
    return { ok: false, reason: "throttled" };

  const [user] = await db
    .select()
    .from(users)
    .where(eq(users.email, email.trim().toLowerCase()));
  const valid =
    user?.active === true &&
    (await verifyPassword(password, user.passwordHash));
  if (!user || !valid) {
    await db.insert(signInFailures).values({ accountKey: key });
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
