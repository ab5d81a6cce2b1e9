import { sql } from "drizzle-orm";
import type { ApiKeyCaller } from "@/lib/api-keys";
import { type Database, queryRows } from "@/lib/db";
import {
  describeAttempts,
  resolveAttemptLeads,
} from "@/lib/import/merge-attempts";
import { ReadingState } from "@/lib/import/reading";
import type { AttemptRecord, RunContext } from "@/lib/import/types";
import { createLogger } from "@/lib/log";
import { getSettings } from "@/lib/settings";
import { ApiError, type ApiResult } from "./http";
import {
  type FieldError,
  type ReadItem,
  readAttemptItems,
  readLeadItems,
  toIdText,
} from "./items";
import {
  findStagedRowsWithoutLead,
  finishApiRun,
  type ItemStatus,
  startApiRun,
  type WriteOutcome,
  writeAttempts,
  writeLeads,
} from "./write-records";

const log = createLogger("api");

/** The most items one request may carry; larger batches answer 413. */
export const maxBatchItems = 1_000;

export type ItemResult = {
  index: number;
  externalId: string | null;
  status: ItemStatus | "invalid";
  errors?: FieldError[];
  warnings?: FieldError[];
};

type Batch = { origin: string; items: unknown[] };

const originPattern = /^[a-z0-9][a-z0-9._-]{0,59}$/;

/** The `{ origin?, items }` envelope, with the origin the import would
 * choose: lower-cased, default `api`. */
export function readBatch(body: unknown): Batch {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(
      400,
      "invalid_body",
      "Send an object: { origin?: string, items: [...] }.",
    );
  }
  const { origin, items } = body as Record<string, unknown>;
  if (!Array.isArray(items)) {
    throw new ApiError(400, "invalid_body", "items must be an array.");
  }
  if (items.length > maxBatchItems) {
    throw new ApiError(
      413,
      "payload_too_large",
      `A request carries at most ${maxBatchItems} items; this one has ${items.length}. Split it into smaller batches.`,
    );
  }
  if (origin !== undefined && typeof origin !== "string") {
    throw new ApiError(400, "invalid_body", "origin must be a string.");
  }
  const chosen = origin?.trim().toLowerCase() || "api";
  if (!originPattern.test(chosen)) {
    throw new ApiError(
      400,
      "invalid_body",
      "An origin is a short name of letters, digits, dots, dashes and underscores, such as hubspot or dialer-2.",
    );
  }

  return { origin: chosen, items };
}

async function readContext(db: Database, origin: string): Promise<RunContext> {
  const settings = await getSettings(db);

  return {
    origin,
    timeZone: settings.organisationTimezone,
    defaultCountry: settings.defaultCountry,
    reportCurrency: settings.reportCurrency,
    reading: new ReadingState(null, { eachDateAlone: true }),
  };
}

function externalIdOf(item: unknown): string | null {
  if (typeof item !== "object" || item === null) return null;
  const text = toIdText((item as Record<string, unknown>).externalId);

  return text !== null && text.trim() !== "" ? text.trim() : null;
}

// Any invalid item rejects the whole batch: the caller fixes and resends
// it, and a resent batch is idempotent, so nothing is half-written.
function rejectInvalid<R>(batch: Batch, read: ReadItem<R>[]) {
  const invalid = read.filter((item) => "errors" in item);
  if (invalid.length === 0) return;

  throw new ApiError(
    422,
    "invalid_items",
    `${invalid.length} of ${read.length} items are invalid; nothing was written.`,
    {
      results: read.map((item): ItemResult => ({
        index: item.index,
        externalId: externalIdOf(batch.items[item.index]),
        status: "errors" in item ? "invalid" : "unchanged",
        ...("errors" in item ? { errors: item.errors } : {}),
      })),
    },
  );
}

function toResults<R extends { externalId: string }>(
  read: ReadItem<R>[],
  outcome: WriteOutcome,
): ApiResult {
  const results = read.map((item): ItemResult => {
    if ("errors" in item) throw new Error("invalid items were rejected");
    const { externalId } = item.record;

    return {
      index: item.index,
      externalId,
      status: outcome.statuses.get(externalId) ?? "unchanged",
      ...(item.warnings.length > 0 ? { warnings: item.warnings } : {}),
    };
  });
  // Counts of records: an externalId repeated in the batch is one record.
  const counts = { inserted: 0, updated: 0, unchanged: 0, invalid: 0 };
  const counted = new Set<string | null>();
  for (const result of results) {
    if (counted.has(result.externalId)) continue;
    counted.add(result.externalId);
    counts[result.status] += 1;
  }

  return { status: 200, body: { results, counts } };
}

function stagedRows<R>(read: ReadItem<R>[]) {
  return read.flatMap((item) =>
    "record" in item ? [{ row: item.index, record: item.record }] : [],
  );
}

/** How the import history names a batch: by its key's name, which the API
 * keys page shows (its id is shown nowhere). */
function apiRunLabel(caller: ApiKeyCaller): string {
  return `API key "${caller.name}"`;
}

/** POST /api/v1/leads: upserts a batch of leads by (origin, externalId). */
export async function ingestLeads(
  db: Database,
  caller: ApiKeyCaller,
  body: unknown,
): Promise<ApiResult> {
  const batch = readBatch(body);
  const read = readLeadItems(batch.items, await readContext(db, batch.origin));
  rejectInvalid(batch, read);

  const outcome = await db.transaction(async (tx) => {
    const importId = await startApiRun(tx, {
      preset: "api-leads",
      label: apiRunLabel(caller),
      origin: batch.origin,
    });
    const written = await writeLeads(tx, {
      origin: batch.origin,
      importId,
      rows: stagedRows(read),
    });
    await finishApiRun(tx, importId, read.length, written.counts);

    return written;
  });
  log.info("api leads written", { keyId: caller.keyId, ...outcome.counts });

  return toResults(read, outcome);
}

/** POST /api/v1/attempts: upserts a batch of attempts; each names a lead
 * of the same origin by its externalId. */
export async function ingestAttempts(
  db: Database,
  caller: ApiKeyCaller,
  body: unknown,
): Promise<ApiResult> {
  const batch = readBatch(body);
  const context = await readContext(db, batch.origin);
  const read = await markUnknownLeads(
    db,
    batch.origin,
    readAttemptItems(batch.items, context),
  );
  rejectInvalid(batch, read);

  const outcome = await db.transaction(async (tx) => {
    const importId = await startApiRun(tx, {
      preset: "api-attempts",
      label: apiRunLabel(caller),
      origin: batch.origin,
    });
    const rows = stagedRows(read);
    const needs = describeAttempts(rows.map((row) => row.record));
    const written = await writeAttempts(tx, {
      origin: batch.origin,
      importId,
      rows,
      needs,
      resolveLeads: async (stageDb) => {
        await resolveAttemptLeads(stageDb, {
          origin: batch.origin,
          importId,
          timeZone: context.timeZone,
          dialled: needs.dialled,
          batch: true,
        });
        rejectMissingLeads(batch, await findStagedRowsWithoutLead(stageDb));
      },
    });
    await finishApiRun(tx, importId, read.length, written.counts);

    return written;
  });
  log.info("api attempts written", { keyId: caller.keyId, ...outcome.counts });

  return toResults(read, outcome);
}

function unknownLeadMessage(origin: string): string {
  return `expected the externalId of a lead of origin ${origin} already written`;
}

/**
 * When a batch is refused anyway for invalid items, the valid items that
 * name a lead not stored are marked invalid too, so that one answer lists
 * every problem: the client would otherwise fix the first list and be
 * refused again for the leads. A batch without invalid items finds its
 * leads in its transaction, as it writes (rejectMissingLeads).
 */
async function markUnknownLeads(
  db: Database,
  origin: string,
  read: ReadItem<AttemptRecord>[],
): Promise<ReadItem<AttemptRecord>[]> {
  if (!read.some((item) => "errors" in item)) return read;
  const refs = read.flatMap((item) =>
    "record" in item && item.record.lead.kind === "external"
      ? [item.record.lead.externalId]
      : [],
  );
  if (refs.length === 0) return read;
  const stored = new Set(
    (
      await queryRows<{ id: string }>(
        db,
        sql`select external_id as id from leads
        where origin = ${origin} and external_id in (${sql.join(
          [...new Set(refs)].map((ref) => sql`${ref}`),
          sql`, `,
        )})`,
      )
    ).map((row) => row.id),
  );

  return read.map((item) =>
    "record" in item &&
    item.record.lead.kind === "external" &&
    !stored.has(item.record.lead.externalId)
      ? {
          index: item.index,
          errors: [
            { field: "leadExternalId", message: unknownLeadMessage(origin) },
          ],
        }
      : item,
  );
}

function rejectMissingLeads(batch: Batch, rows: number[]) {
  if (rows.length === 0) return;
  const missing = new Set(rows);
  const message = unknownLeadMessage(batch.origin);

  throw new ApiError(
    422,
    "invalid_items",
    `${missing.size} of ${batch.items.length} items name an unknown lead; nothing was written.`,
    {
      results: batch.items.map((item, index): ItemResult => ({
        index,
        externalId: externalIdOf(item),
        status: missing.has(index) ? "invalid" : "unchanged",
        ...(missing.has(index)
          ? { errors: [{ field: "leadExternalId", message }] }
          : {}),
      })),
    },
  );
}
