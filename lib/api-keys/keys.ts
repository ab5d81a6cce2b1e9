import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { recordAudit } from "@/lib/audit";
import type { Role } from "@/lib/auth/roles";
import type { Database } from "@/lib/db";
import { apiKeys, users } from "@/lib/db/schema";
import { AppError } from "@/lib/errors";

/** Every secret starts so, which lets secret scanners recognise a leak. */
export const keyPrefix = "rb_live_";

// 32 random bytes: a guess is hopeless, so a plain SHA-256 is a fair hash.
const secretBytes = 32;
const shownPrefixLength = keyPrefix.length + 6;

export type ApiKeyCaller = { keyId: number; name: string; role: Role };

export type ApiKeyListItem = {
  id: number;
  name: string;
  prefix: string;
  role: Role;
  createdBy: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Creates a key and returns its secret, which is never readable again. */
export async function createApiKey(
  db: Database,
  actorId: number,
  input: { name: string; role: Role },
): Promise<{ id: number; secret: string }> {
  const name = input.name.trim();
  if (name === "" || name.length > 100) {
    throw new AppError(
      "invalid_input",
      "A key needs a name of 1 to 100 characters.",
    );
  }
  const secret = keyPrefix + randomBytes(secretBytes).toString("base64url");

  const [row] = await db
    .insert(apiKeys)
    .values({
      name,
      prefix: secret.slice(0, shownPrefixLength),
      hash: hashSecret(secret),
      role: input.role,
      createdBy: actorId,
    })
    .returning({ id: apiKeys.id });
  if (!row) throw new Error("api_keys insert returned no row");
  await recordAudit(db, {
    userId: actorId,
    action: "api_key_created",
    details: { keyId: row.id, role: input.role },
  });

  return { id: row.id, secret };
}

/** Revokes a key at once; a revoked key stays listed, for the record. */
export async function revokeApiKey(db: Database, actorId: number, id: number) {
  const revoked = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (revoked.length === 0) {
    throw new AppError("not_found", "There is no active key with this id.");
  }
  await recordAudit(db, {
    userId: actorId,
    action: "api_key_revoked",
    details: { keyId: id },
  });
}

export async function listApiKeys(db: Database): Promise<ApiKeyListItem[]> {
  return db
    .select({
      id: apiKeys.id,
      name: apiKeys.name,
      prefix: apiKeys.prefix,
      role: apiKeys.role,
      createdBy: users.name,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .leftJoin(users, eq(users.id, apiKeys.createdBy))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/**
 * The caller a bearer secret belongs to, or null when it names no active
 * key. The lookup is by hash, and the stored hash is compared again in
 * constant time so that no timing tells how much of a guess was right.
 * Marks the key as used.
 */
export async function findApiKeyCaller(
  db: Database,
  secret: string,
): Promise<ApiKeyCaller | null> {
  if (!secret.startsWith(keyPrefix)) return null;
  const hash = hashSecret(secret);

  const [row] = await db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.hash, hash), isNull(apiKeys.revokedAt)));
  if (!row) return null;
  const same = timingSafeEqual(Buffer.from(row.hash), Buffer.from(hash));
  if (!same) return null;
  // A minute is precise enough for "last used" and spares a write per call.
  await db.execute(sql`
    update api_keys set last_used_at = now()
    where id = ${row.id}
      and (last_used_at is null or last_used_at < now() - interval '1 minute')`);

  return { keyId: row.id, name: row.name, role: row.role };
}
