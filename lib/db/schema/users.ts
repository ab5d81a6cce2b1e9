import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamptz,
} from "./columns";
import { role } from "./enums";

export const users = pgTable("users", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** Stored lower-cased. */
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  role: role("role").notNull(),
  /** `scrypt$N$r$p$salt$hash`, base64 parts. */
  passwordHash: text("password_hash").notNull(),
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  active: boolean("active").notNull().default(true),
  /** Bumped to end every session of the user (deactivation, password change). */
  sessionVersion: integer("session_version").notNull().default(1),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});

/** Who did what, when: sign-ins, imports, settings and role changes. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamptz("at").notNull().defaultNow(),
    userId: bigint("user_id", { mode: "number" }).references(() => users.id, {
      onDelete: "set null",
    }),
    action: text("action").notNull(),
    /** Ids and counts only; never passwords, phones or e-mail addresses. */
    details: jsonb("details").$type<Record<string, unknown>>(),
  },
  (table) => [index("audit_log_at").on(table.at)],
);

/** Failed sign-ins, to slow down guessing per account and per address. */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamptz("at").notNull().defaultNow(),
    /** A hash of the lower-cased e-mail, so that the table holds no addresses. */
    accountKey: text("account_key").notNull(),
    address: text("address"),
  },
  (table) => [
    index("sign_in_failures_account").on(table.accountKey, table.at),
    index("sign_in_failures_address").on(table.address, table.at),
  ],
);
