import { desc, eq } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { auditLog, users } from "@/lib/db/schema";

/** The newest audit entries with the acting user's name. */
export async function listAuditEntries(db: Database, limit = 200) {
  return db
    .select({
      id: auditLog.id,
      at: auditLog.at,
      action: auditLog.action,
      details: auditLog.details,
      userName: users.name,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.userId))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
