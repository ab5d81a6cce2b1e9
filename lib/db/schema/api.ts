import { users } from "./users";
import {
  bigint,
  bigserial,
  pgTable,
  text,
  timestamptz,
  uniqueIndex,
} from "./columns";
import { role } from "./enums";

/** Keys that outside systems call the REST API with. Only the SHA-256 of
 * the secret is kept; the secret itself is shown once, at creation. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    name: text("name").notNull(),
    /** The first characters of the secret, to tell keys apart in lists. */
    prefix: text("prefix").notNull(),
    /** Hex SHA-256 of the whole secret. */
    hash: text("hash").notNull(),
    /** The key acts with this role's capabilities. */
    role: role("role").notNull(),
    createdBy: bigint("created_by", { mode: "number" }).references(
      () => users.id,
      { onDelete: "set null" },
    ),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    lastUsedAt: timestamptz("last_used_at"),
    revokedAt: timestamptz("revoked_at"),
  },
  (table) => [uniqueIndex("api_keys_hash").on(table.hash)],
);
