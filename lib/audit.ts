import type { Database } from "@/lib/db";
import { auditLog } from "@/lib/db/schema";

export type AuditAction =
  | "sign_in"
  | "sign_in_failed"
  | "sign_out"
  | "import"
  | "import_undone"
  | "settings_changed"
  | "user_created"
  | "role_changed"
  | "user_deactivated"
  | "user_reactivated"
  | "password_reset"
  | "password_changed"
  | "api_key_created"
  | "api_key_revoked";

/** Records who did what. `details` holds ids and counts, never personal data. */
export async function recordAudit(
  db: Database,
  entry: {
    userId: number | null;
    action: AuditAction;
    details?: Record<string, unknown>;
  },
) {
  await db.insert(auditLog).values(entry);
}
