import {
  bigint,
  bigserial,
  integer,
  jsonb,
  pgTable,
  text,
  timestamptz,
} from "./columns";
import { importStatus } from "./enums";

export type ImportProblem = {
  row: number;
  column: string | null;
  message: string;
};

/** One run of one file through one preset. */
export const imports = pgTable("imports", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  preset: text("preset").notNull(),
  fileName: text("file_name").notNull(),
  fileSha256: text("file_sha256").notNull(),
  userId: bigint("user_id", { mode: "number" }),
  status: importStatus("status").notNull().default("running"),
  startedAt: timestamptz("started_at").notNull().defaultNow(),
  finishedAt: timestamptz("finished_at"),
  rowsRead: integer("rows_read").notNull().default(0),
  inserted: integer("inserted").notNull().default(0),
  updated: integer("updated").notNull().default(0),
  unchanged: integer("unchanged").notNull().default(0),
  skipped: integer("skipped").notNull().default(0),
  /** The first problems found, each with row and column. */
  problems: jsonb("problems").$type<ImportProblem[]>().notNull().default([]),
});
