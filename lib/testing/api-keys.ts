import { createApiKey } from "@/lib/api-keys";
import type { Database } from "@/lib/db";
import { users } from "@/lib/db/schema";
import type { Role } from "@/lib/auth/roles";

/** An admin to own the keys a test creates; returns the admin's id. */
export async function insertKeyOwner(db: Database): Promise<number> {
  const [admin] = await db
    .insert(users)
    .values({
      email: "a@example.test",
      name: "Ada",
      role: "admin",
      passwordHash: "x",
    })
    .returning({ id: users.id });
  if (!admin) throw new Error("no admin");

  return admin.id;
}

/** One API key per role, each named by its role, owned by a new admin;
 * returns each role's secret. */
export async function createKeysByRole(
  db: Database,
  roles: readonly Role[],
): Promise<Map<Role, string>> {
  const ownerId = await insertKeyOwner(db);
  const secrets = new Map<Role, string>();
  for (const role of roles) {
    const created = await createApiKey(db, ownerId, { name: role, role });
    secrets.set(role, created.secret);
  }

  return secrets;
}
