import { pgEnum } from "./columns";

export const channel = pgEnum("channel", ["call", "whatsapp", "sms", "email"]);
export const direction = pgEnum("direction", ["outbound", "inbound"]);
export const purpose = pgEnum("purpose", ["sales", "relationship"]);

/** Terminal outcome of a call; non-terminal statuses are not attempts. */
export const callOutcome = pgEnum("call_outcome", [
  "answered",
  "voicemail",
  "no_answer",
  "busy",
  "rejected",
  "invalid_number",
  "failed",
]);

/** Ordered: a message status only moves forward, `failed` is set apart. */
export const messageStatus = pgEnum("message_status", [
  "queued",
  "sent",
  "delivered",
  "read",
  "failed",
]);

export const valueUnit = pgEnum("value_unit", ["total", "per_month"]);

export const role = pgEnum("role", [
  "admin",
  "sales_manager",
  "marketer",
  "executive",
]);

export const importStatus = pgEnum("import_status", [
  "running",
  "succeeded",
  "failed",
  "undone",
]);
