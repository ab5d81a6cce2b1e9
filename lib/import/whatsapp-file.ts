import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { imports } from "@/lib/db/schema";
import { createLogger } from "@/lib/log";
import type {
  MessageEvent,
  RecordOutcome,
} from "@/lib/webhooks/record-messages";
import { writeMessageEvents } from "@/lib/webhooks/record-messages";
import { startApiRun } from "@/lib/api/write-records";
import {
  readWhatsappEvents,
  whatsappSourceName,
} from "@/lib/webhooks/whatsapp";
import { ImportFailedError } from "./import-file";
import { whatsappCloudPreset } from "./presets/whatsapp-cloud";
import { readJsonValues } from "./read-json";
import { holdRun, type ImportOptions } from "./run";
import type { ImportProblem, ImportSummary } from "./types";

const log = createLogger("import");

/** What a file of webhook bodies holds, or why it cannot be read. */
type ReadFile =
  { bodies: number; events: MessageEvent[] } | { problem: ImportProblem };

/**
 * Imports a file of WhatsApp Cloud API webhook bodies: every status and
 * inbound message is recorded by the webhook's own code, as one
 * transaction, under a run of this file. Importing it again changes
 * nothing; a dry run rolls back and leaves no run behind.
 */
export async function importWhatsappFile(
  db: Database,
  options: ImportOptions,
): Promise<ImportSummary> {
  const started = Date.now();
  const bytes = await readAll(options.input);
  const fileSha256 = createHash("sha256").update(bytes).digest("hex");
  const read = readWebhookFile(options.fileName, bytes.toString("utf8"));
  const importId = await startApiRun(db, {
    preset: whatsappCloudPreset.name,
    label: options.fileName,
    origin: whatsappCloudPreset.origin,
  });
  const base = { importId, fileName: options.fileName, fileSha256, started };

  if ("problem" in read) {
    if (options.dryRun) await deleteRun(db, importId);
    else
      await finishRun(db, importId, options, {
        status: "failed",
        ...base,
        problems: [read.problem],
      });
    const summary = buildWhatsappSummary({
      ...base,
      status: "failed",
      dryRun: options.dryRun ?? false,
      bodies: 0,
      outcome: null,
      problems: [read.problem],
    });
    throw new ImportFailedError(summary);
  }

  try {
    const outcome = await db.transaction(async (tx) => {
      await holdRun(tx, importId);
      const result = await writeMessageEvents(
        tx,
        read.events,
        {
          provider: "whatsapp",
          origin: whatsappCloudPreset.origin,
          channel: "whatsapp",
          createUnknown: { leadSource: whatsappSourceName },
        },
        importId,
      );
      if (options.dryRun) throw new DryRunDone(result);
      await finishRun(tx, importId, options, {
        status: "succeeded",
        ...base,
        outcome: result,
      });

      return result;
    });
    log.info("whatsapp file imported", { importId, ...outcome });

    return buildWhatsappSummary({
      ...base,
      status: "succeeded",
      dryRun: false,
      bodies: read.bodies,
      outcome,
      problems: [],
    });
  } catch (error) {
    if (!(error instanceof DryRunDone)) {
      await finishRun(db, importId, options, {
        status: "failed",
        ...base,
        problems: [],
      }).catch(() => {});
      throw error;
    }
    await deleteRun(db, importId);

    return buildWhatsappSummary({
      ...base,
      status: "succeeded",
      dryRun: true,
      bodies: read.bodies,
      outcome: error.outcome,
      problems: [],
    });
  }
}

class DryRunDone extends Error {
  constructor(readonly outcome: RecordOutcome) {
    super("dry run");
  }
}

async function readAll(input: ImportOptions["input"]): Promise<Buffer> {
  if (Buffer.isBuffer(input)) return input;
  const chunks: Buffer[] = [];
  for await (const chunk of input) {
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  }

  return Buffer.concat(chunks);
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isWebhookBody(value: unknown): value is Json {
  return isObject(value) && Array.isArray(value.entry);
}

const expectedBody =
  "expected a WhatsApp Cloud API webhook body (an object with an entry array)";

/**
 * The webhook bodies of a file: one body, an array of bodies, one body per
 * line, or an object whose every value is a body (named examples).
 */
export function readWebhookFile(fileName: string, text: string): ReadFile {
  const problem = (row: number, reason: string): ReadFile => ({
    problem: { row, column: null, message: `${fileName} ${reason}` },
  });
  if (text.trim() === "") return problem(1, "line 1: the file is empty");

  const values = readJsonValues(text);
  if (values.kind === "invalid") {
    const { line, column, expected } = values.error;

    return problem(
      line,
      `line ${line}, column ${column}: not valid JSON; expected ${expected}`,
    );
  }

  let bodies: unknown[];
  if (values.kind === "lines") {
    const bad = values.values.find((item) => !isWebhookBody(item.value));
    if (bad) return problem(bad.line, `line ${bad.line}: ${expectedBody}`);
    bodies = values.values.map((item) => item.value);
  } else {
    const found = listBodies(values.value);
    if (typeof found === "string") return problem(1, found);
    bodies = found;
  }

  return {
    bodies: bodies.length,
    events: bodies.flatMap((body) => readWhatsappEvents(body)),
  };
}

function listBodies(value: unknown): unknown[] | string {
  if (isWebhookBody(value)) return [value];
  if (Array.isArray(value)) {
    const bad = value.findIndex((item) => !isWebhookBody(item));
    if (bad >= 0) return `item ${bad + 1} of the array: ${expectedBody}`;

    return value;
  }
  if (isObject(value)) {
    const named = Object.entries(value);
    const bad = named.find(([, item]) => !isWebhookBody(item));
    if (named.length > 0 && !bad) return named.map(([, item]) => item);
    if (bad && named.some(([, item]) => isWebhookBody(item)))
      return `"${bad[0]}": ${expectedBody}`;
  }

  return `line 1: ${expectedBody}, an array of them, one per line, or an object of named ones`;
}

type RunResult = {
  importId: number;
  fileName: string;
  fileSha256: string;
  started: number;
  status: "succeeded" | "failed";
  problems: ImportProblem[];
};

async function finishRun(
  db: Database,
  importId: number,
  options: ImportOptions,
  run: Omit<RunResult, "problems"> & {
    outcome?: RecordOutcome;
    problems?: ImportProblem[];
  },
) {
  await db
    .update(imports)
    .set({
      status: run.status,
      fileSha256: run.fileSha256,
      userId: options.userId,
      finishedAt: new Date(),
      rowsRead: run.outcome?.events ?? 0,
      inserted: run.outcome?.inserted ?? 0,
      updated: run.outcome?.updated ?? 0,
      unchanged: run.outcome?.unchanged ?? 0,
      skipped: run.outcome?.skipped ?? 0,
      problems: run.problems ?? [],
    })
    .where(eq(imports.id, importId));
}

async function deleteRun(db: Database, importId: number) {
  await db.delete(imports).where(eq(imports.id, importId));
}

function count(value: number, noun: string, plural = `${noun}s`): string {
  return `${value.toLocaleString("en-US")} ${value === 1 ? noun : plural}`;
}

function buildWhatsappSummary(
  run: RunResult & {
    dryRun: boolean;
    bodies: number;
    outcome: RecordOutcome | null;
  },
): ImportSummary {
  const { outcome } = run;
  const events = outcome?.events ?? 0;
  const lines = [
    `${run.fileName} (preset whatsapp-cloud, origin whatsapp): ` +
      `${count(run.bodies, "webhook body", "webhook bodies")} with ${count(events, "event")} ` +
      `read in ${((Date.now() - run.started) / 1000).toFixed(1)} s.`,
  ];
  if (run.status === "failed") {
    lines.push(
      `Not imported: ${count(run.problems.length, "problem")}, nothing was written.`,
    );
  } else {
    if (run.dryRun)
      lines.push("Checked only: nothing was written. Importing would give:");
    lines.push(
      `Attempts: ${outcome?.inserted ?? 0} inserted, ${outcome?.updated ?? 0} updated, ${outcome?.unchanged ?? 0} unchanged.`,
    );
    const skipped = outcome?.skipped ?? 0;
    lines.push(
      skipped === 0
        ? "No events skipped."
        : `${count(skipped, "message")} skipped: the reports name neither a known message nor a phone number.`,
    );
  }

  return {
    importId: run.importId,
    preset: whatsappCloudPreset.name,
    fileName: run.fileName,
    fileSha256: run.fileSha256,
    origin: whatsappCloudPreset.origin,
    status: run.status,
    records: "attempts",
    rowsRead: events,
    inserted: outcome?.inserted ?? 0,
    updated: outcome?.updated ?? 0,
    unchanged: outcome?.unchanged ?? 0,
    skipped: outcome?.skipped ?? 0,
    skippedReasons: [],
    problems: run.problems,
    problemCount: run.problems.length,
    invalidRows: 0,
    warnings: [],
    warningCount: 0,
    repeatedIds: [],
    repeatedIdCount: 0,
    leadsCreated: 0,
    sourcesCreated: [],
    unmappedCodes: [],
    persons: null,
    dryRun: run.dryRun,
    preview: [],
    notes: [],
    layout: null,
    dateOrder: null,
    clockChanges: [],
    durationMs: Date.now() - run.started,
    lines,
  };
}
