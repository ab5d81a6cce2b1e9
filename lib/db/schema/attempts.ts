import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  pgTable,
  text,
  timestamptz,
  uniqueIndex,
} from "./columns";
import {
  callOutcome,
  channel,
  direction,
  messageStatus,
  purpose,
} from "./enums";
import { imports } from "./imports";
import { leads } from "./leads";
import { agents, templates } from "./organisation";

/** One touch on one channel. Stored once per (origin, externalId), however
 * often the source system reports it. */
export const attempts = pgTable(
  "attempts",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    origin: text("origin").notNull(),
    externalId: text("external_id").notNull(),
    leadId: bigint("lead_id", { mode: "number" })
      .notNull()
      .references(() => leads.id, { onDelete: "cascade" }),
    channel: channel("channel").notNull(),
    direction: direction("direction").notNull(),
    /** Made by automation (auto-dialer message, acknowledgement), not a person. */
    automated: boolean("automated").notNull().default(false),
    purpose: purpose("purpose").notNull().default("sales"),
    agentId: bigint("agent_id", { mode: "number" }).references(() => agents.id),
    startedAt: timestamptz("started_at").notNull(),
    /** Calls only: the terminal outcome. */
    outcome: callOutcome("outcome"),
    durationSeconds: integer("duration_seconds"),
    /** Messages only: the furthest status reached (see METRICS.md). */
    messageStatus: messageStatus("message_status"),
    queuedAt: timestamptz("queued_at"),
    sentAt: timestamptz("sent_at"),
    deliveredAt: timestamptz("delivered_at"),
    readAt: timestamptz("read_at"),
    failedAt: timestamptz("failed_at"),
    templateId: bigint("template_id", { mode: "number" }).references(
      () => templates.id,
    ),
    /** For inbound messages: the provider id of the message it answers. */
    replyToExternalId: text("reply_to_external_id"),
    dispositionCode: text("disposition_code"),
    importId: bigint("import_id", { mode: "number" }).references(
      () => imports.id,
      {
        onDelete: "set null",
      },
    ),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("attempts_origin_external_id").on(
      table.origin,
      table.externalId,
    ),
    index("attempts_lead_started").on(table.leadId, table.startedAt),
    index("attempts_started").on(table.startedAt),
    index("attempts_agent").on(table.agentId),
  ],
);
