import type {
  callOutcome,
  ImportProblem,
  messageStatus,
} from "@/lib/db/schema";
import type { CsvLayout } from "./read-csv";
import type { ClockChangeRow, DateOrderFound, ReadingState } from "./reading";

export type { ImportProblem };

export type CallOutcome = (typeof callOutcome.enumValues)[number];
export type MessageStatus = (typeof messageStatus.enumValues)[number];
export type Channel = "call" | "whatsapp" | "sms" | "email";

/** What is wrong with one cell (or a whole row when `column` is null).
 * `reason` reads after the column name: `expected 0 or 1`. `got` is the
 * value as written; left out for phones and e-mail addresses, which must
 * not travel into logs and import records. */
export type CellProblem = {
  column: string | null;
  reason: string;
  got?: string;
};

/** One lead as a preset reads it from a row. Instants are ISO 8601 strings
 * in UTC, amounts integer minor units. */
export type LeadRecord = {
  externalId: string;
  /** As written, trimmed; "Unknown" when the row names none. */
  source: string;
  campaign: string | null;
  createdAt: string | null;
  timeZone: string;
  phoneE164: string | null;
  phoneRaw: string | null;
  email: string | null;
  consentCall: boolean | null;
  consentWhatsapp: boolean | null;
  consentSms: boolean | null;
  consentEmail: boolean | null;
  consentAt: string | null;
  preferredSlotStart: string | null;
  preferredSlotEnd: string | null;
  valueMinor: number | null;
  valueCurrency: string | null;
  valueUnit: "total" | "per_month" | null;
  converted: boolean;
  convertedAt: string | null;
  conversionValueMinor: number | null;
  conversionCurrency: string | null;
  dispositionCode: string | null;
  isTest: boolean;
  holdout: boolean;
};

/** Which lead an attempt belongs to. `external` must exist already; `dialled`
 * is found by phone or external id, and created when no lead matches. */
export type AttemptLead =
  | { kind: "external"; externalId: string }
  | { kind: "dialled"; number: string; phoneE164: string | null };

export type AttemptRecord = {
  externalId: string;
  lead: AttemptLead;
  channel: Channel;
  direction: "outbound" | "inbound";
  automated: boolean;
  purpose: "sales" | "relationship";
  agent: string | null;
  agentName: string | null;
  team: string | null;
  startedAt: string;
  outcome: CallOutcome | null;
  durationSeconds: number | null;
  messageStatus: MessageStatus | null;
  queuedAt: string | null;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
  template: string | null;
  dispositionCode: string | null;
};

/** What a preset makes of one row: a record (perhaps with warnings about
 * cells it could not use), problems that make the row invalid, or a reason
 * to leave a valid row out (a non-terminal call status). */
export type RowResult<R> =
  | { record: R; warnings?: CellProblem[] }
  | { problems: CellProblem[] }
  | { skip: string };

/** What every row of a run is read with. */
export type RunContext = {
  origin: string;
  /** The zone for local timestamps and for leads that name none. */
  timeZone: string;
  defaultCountry: string;
  reportCurrency: string;
  /** What the run learns while reading: date order, clock changes. */
  reading?: ReadingState;
  /** The generic presets' field for each column of the file, by position;
   * null leaves the column out. Absent: the header names the fields. */
  columnMapping?: ColumnMapping;
  /** The year of a file whose dates give only a day and a month. */
  year?: number;
};

/** One entry per column of the file, in the file's order. */
export type ColumnMapping = (string | null)[];

export type RowReader<R> = {
  /** How many fields every row must have; null when rows may differ. */
  fieldCount: number | null;
  readRow: (fields: string[]) => RowResult<R>;
};

type PresetBase = {
  name: string;
  label: string;
  description: string;
  /** A fixed origin, or null when the run chooses one (default `csv`). */
  origin: string | null;
  hasHeader: boolean;
  /** Raw codes (lower-cased) to standard disposition names, per origin. */
  dispositionCodes: Record<string, string>;
  /** What every run of this preset must tell the reader of its summary. */
  notes?: string[];
};

/** `open` sees the header, or the first row of a headerless file, and
 * returns the reader for the rows or the problems that reject the file. */
export type LeadsPreset = PresetBase & {
  records: "leads";
  open: (
    first: string[],
    context: RunContext,
  ) => RowReader<LeadRecord> | { problems: CellProblem[] };
};

export type AttemptsPreset = PresetBase & {
  records: "attempts";
  open: (
    first: string[],
    context: RunContext,
  ) => RowReader<AttemptRecord> | { problems: CellProblem[] };
};

export type Preset = LeadsPreset | AttemptsPreset;

export type RecordCounts = {
  inserted: number;
  updated: number;
  unchanged: number;
};

/** What an import did, for the CLI, the upload page and the imports table. */
export type ImportSummary = {
  importId: number;
  preset: string;
  fileName: string;
  fileSha256: string;
  origin: string;
  status: "succeeded" | "failed";
  /** What the file's rows are. */
  records: "leads" | "attempts";
  /** Data rows, the header not included. */
  rowsRead: number;
  /** Records of the file's kind; a record repeated in the file counts once. */
  inserted: number;
  updated: number;
  unchanged: number;
  /** Rows left out: invalid rows (with skipInvalid) and non-terminal calls. */
  skipped: number;
  skippedReasons: { reason: string; rows: number; firstRows: number[] }[];
  /** The first 100 problems that made rows invalid, and how many there were. */
  problems: ImportProblem[];
  problemCount: number;
  /** Rows with at least one problem; 0 when the file itself was rejected. */
  invalidRows: number;
  /** Cells that were left out of a record that was still imported. */
  warnings: ImportProblem[];
  warningCount: number;
  /** Ids that more than one row reported; the last row's report is kept. */
  repeatedIds: { externalId: string; rows: number[]; keptRow: number }[];
  repeatedIdCount: number;
  /** Leads created for calls to numbers no lead had (dialer presets). */
  leadsCreated: number;
  sourcesCreated: string[];
  unmappedCodes: { code: string; rows: number }[];
  persons: { persons: number; duplicates: number } | null;
  /** True when nothing was written: the counts say what an import would do. */
  dryRun: boolean;
  /** A dry run's first records as read, column by column as text. */
  preview: Record<string, unknown>[];
  /** What the preset says about every run, such as data it cannot store. */
  notes: string[];
  /** How the bytes were read: encoding and delimiter; null when the file
   * could not be read at all. */
  layout: CsvLayout | null;
  /** How dates such as 03/04/2026 were read, when the file had any. */
  dateOrder: DateOrderFound | null;
  /** Every local time that a clock change skipped or repeated. */
  clockChanges: ClockChangeRow[];
  durationMs: number;
  /** The summary as readable lines. */
  lines: string[];
};
