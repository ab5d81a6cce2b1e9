import { eq, gt, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { signInFailures } from "@/lib/db/schema";

/** Failures allowed per account, and per client address (guessing across
 * many accounts), in the window before password checks are refused. */
export const maxFailures = 5;
export const maxFailuresPerAddress = 20;
export const windowMinutes = 15;

/** Which limit refused a try. */
export type TryLimit = "account" | "address";

/**
 * Records a failure before a password is checked, unless the account or
 * the address is already at its limit; returns the limit that refused it,
 * or null when the try may go ahead. Per account, the count and the
 * insert run under one advisory lock, so parallel tries cannot all see the
 * same count: exactly maxFailures of them get through. A check that then
 * succeeds clears the account's failures, this one included. Sign-in and
 * the Account page's password change share the count, so neither opens a
 * second way to guess.
 */
export async function reservePasswordTry(
  db: Database,
  key: string,
  address: string | null,
): Promise<TryLimit | null> {
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
    if ((recent?.account ?? 0) >= maxFailures) return "account";
    if ((recent?.address ?? 0) >= maxFailuresPerAddress) return "address";
    await tx.insert(signInFailures).values({ accountKey: key, address });

    return null;
  });
}

/** Forgets the account's failures after its password was given right. */
export async function clearFailures(db: Database, key: string) {
  await db.delete(signInFailures).where(eq(signInFailures.accountKey, key));
}
