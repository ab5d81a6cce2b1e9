import { sql } from "drizzle-orm";
import {
  addToWebhookRun,
  startDailyWebhookRun,
  writeAttempts,
} from "@/lib/api/write-records";
import { type Database, queryRows } from "@/lib/db";
import type { AttemptRecord, MessageStatus } from "@/lib/import/types";
import { resolveSource } from "@/lib/import/sources";
import { attemptStage } from "@/lib/import/stage";
import { createLogger } from "@/lib/log";
import { normalisePhone } from "@/lib/persons/normalise-phone";
import { regroupPersons } from "@/lib/persons/regroup-persons";
import { getSettings } from "@/lib/settings";

const log = createLogger("webhooks");
const stage = sql.raw(attemptStage.table);

/** One message event a provider reported: a status of a message we sent,
 * or a message the lead sent us. Instants come from the provider. */
export type MessageEvent =
  | {
      kind: "status";
      messageId: string;
      status: MessageStatus;
      /** Null when the provider gives no time for this status. */
      at: string | null;
      /** The recipient as the provider writes it; null when unknown. */
      phone: string | null;
    }
  | {
      kind: "inbound";
      messageId: string;
      at: string;
      phone: string;
      replyTo: string | null;
    };

export type RecordOptions = {
  provider: string;
  origin: string;
  channel: "whatsapp" | "sms";
  /** May a report about an unknown message create its attempt (and a lead
   * under `leadSource` for an unknown number)? Without it, only attempts
   * already known are updated. */
  createUnknown: { leadSource: string } | null;
};

export type RecordOutcome = {
  events: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** Reports that named neither a known message nor a usable number. */
  skipped: number;
};

const statusTime: Record<MessageStatus, keyof AttemptRecord> = {
  queued: "queuedAt",
  sent: "sentAt",
  delivered: "deliveredAt",
  read: "readAt",
  failed: "failedAt",
};

function toRecord(
  event: MessageEvent,
  options: RecordOptions,
  defaultCountry: string,
): AttemptRecord {
  const written = event.phone ? `+${event.phone.replace(/^\+/, "")}` : null;
  const record: AttemptRecord = {
    externalId: event.messageId,
    lead: {
      kind: "dialled",
      number: written ?? "",
      phoneE164: readProviderNumber(written, defaultCountry),
    },
    channel: options.channel,
    direction: event.kind === "inbound" ? "inbound" : "outbound",
    automated: false,
    purpose: "sales",
    agent: null,
    agentName: null,
    team: null,
    // A status without a time only updates a known attempt, whose own start
    // replaces this placeholder before the merge.
    startedAt: event.at ?? "1970-01-01T00:00:00Z",
    outcome: null,
    durationSeconds: null,
    messageStatus: event.kind === "status" ? event.status : null,
    queuedAt: null,
    sentAt: null,
    deliveredAt: null,
    readAt: null,
    failedAt: null,
    template: null,
    dispositionCode: null,
  };
  if (event.kind === "status" && event.at !== null) {
    return { ...record, [statusTime[event.status]]: event.at };
  }

  return record;
}

// A provider writes the number it delivered to, in international form
// without the plus. The phone library's metadata lags behind numbering
// plans (it refuses the placeholder numbers of WhatsApp's own examples), so
// a number it refuses still counts when it has the shape of E.164: the
// provider has just reached it.
function readProviderNumber(
  written: string | null,
  defaultCountry: string,
): string | null {
  if (written === null) return null;
  const phone = normalisePhone(written, defaultCountry);
  if ("e164" in phone) return phone.e164;

  return /^\+[1-9]\d{7,14}$/.test(written) ? written : null;
}

/**
 * Records message events once each, in any order: through the import's
 * merge a status only moves forward and every status time is kept. A
 * report about a message already stored keeps that attempt's lead, start
 * (the earliest known) and other fields; only statuses and times merge.
 * Runs as one transaction; the deliveries of a day share one run.
 */
export async function recordMessageEvents(
  db: Database,
  events: MessageEvent[],
  options: RecordOptions,
): Promise<RecordOutcome> {
  if (events.length === 0) return { ...emptyOutcome };

  return db.transaction(async (tx) => {
    await lockMessageWriters(tx, options.origin);
    const importId = await startDailyWebhookRun(tx, {
      preset: `webhook-${options.provider}`,
      label: `${options.provider} webhook`,
      origin: options.origin,
    });
    const result = await writeMessageEvents(tx, events, options, importId);
    await addToWebhookRun(tx, importId, events.length, result);
    log.info("webhook events recorded", {
      provider: options.provider,
      ...result,
    });

    return result;
  });
}

/**
 * One writer of an origin's message events at a time, until its
 * transaction ends. A report about a message another delivery is still
 * writing must see that delivery's attempt: otherwise both stage it as
 * new, and the later one to commit overwrites the start the earlier one
 * gave (two reports of one new message sent at once, sent at 10:00 and
 * delivered at 10:05, stored 10:05 about half the time). Deliveries of
 * one origin already queued behind each other on their day's run.
 * recordMessageEvents takes it before finding or creating that run, so
 * that two first deliveries of a day share one; writeMessageEvents takes
 * it again (a lock held is taken at once) for a file of webhook bodies.
 */
async function lockMessageWriters(db: Database, origin: string) {
  // The first key says what is locked: 2, message events (1 is sign-in).
  await db.execute(sql`select pg_advisory_xact_lock(2, hashtext(${origin}))`);
}

const emptyOutcome: RecordOutcome = {
  events: 0,
  inserted: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
};

/**
 * Writes message events under a run already in the imports table, inside
 * the caller's transaction: the webhook's daily run, or an imported file
 * of webhook bodies. Same rules as recordMessageEvents.
 */
export async function writeMessageEvents(
  db: Database,
  events: MessageEvent[],
  options: RecordOptions,
  importId: number,
): Promise<RecordOutcome> {
  if (events.length === 0) return { ...emptyOutcome };
  await lockMessageWriters(db, options.origin);
  const settings = await getSettings(db);
  const rows = events.map((event, row) => ({
    row,
    record: toRecord(event, options, settings.defaultCountry),
  }));

  let staged = 0;
  const written = await writeAttempts(db, {
    origin: options.origin,
    importId,
    rows,
    resolveLeads: async (stageDb) => {
      staged = await resolveEventLeads(stageDb, options, {
        timeZone: settings.organisationTimezone,
        importId,
      });
    },
  });
  await linkReplies(db, events, options.origin);

  return {
    events: events.length,
    ...written.counts,
    skipped: distinctIds(events) - staged,
  };
}

function distinctIds(events: MessageEvent[]): number {
  return new Set(events.map((event) => event.messageId)).size;
}

// Fills the stage's lead_id: the lead of the stored attempt, else the lead
// with the number (the latest created at or before the message, else the
// earliest), else, when allowed, a new lead for the number. Then copies the
// stored attempt's fields so that a status report changes only statuses.
// Returns how many distinct messages have a lead.
async function resolveEventLeads(
  db: Database,
  options: RecordOptions,
  run: { timeZone: string; importId: number },
): Promise<number> {
  await db.execute(sql`
    update ${stage} st set lead_id = a.lead_id
    from attempts a
    where a.origin = ${options.origin} and a.external_id = st.external_id`);
  if (options.createUnknown) {
    await matchByPhone(db);
    await createLeadsForNumbers(db, options, run);
    await matchByPhone(db);
  }
  await keepStoredFields(db, options.origin);
  await startAtFirstReport(db);
  if (options.createUnknown) await moveLeadsBackToFirstMessage(db);

  const [count] = await queryRows<{ count: number }>(
    db,
    sql`select count(distinct external_id)::int as count from ${stage}
    where lead_id is not null`,
  );

  return count?.count ?? 0;
}

async function matchByPhone(db: Database) {
  await db.execute(sql`
    update ${stage} st set lead_id = (
      select l.id from leads l
      where l.phone_e164 = st.lead_phone
      order by (l.created_at <= st.started_at) is true desc,
        case when l.created_at <= st.started_at then l.created_at end desc nulls last,
        l.created_at asc nulls last, l.id
      limit 1)
    where st.lead_id is null and st.lead_phone is not null`);
}

// A number nobody knows writes to us or is written to: a new lead of the
// provider's source. An inbound message is a request to be contacted, so
// the lead is created at its first message; a status alone says nothing of
// when the lead asked, so that lead has no creation instant.
async function createLeadsForNumbers(
  db: Database,
  options: RecordOptions,
  run: { timeZone: string; importId: number },
) {
  const [pending] = await queryRows<{ count: number }>(
    db,
    sql`select count(*)::int as count from ${stage}
    where lead_id is null and lead_phone is not null`,
  );
  if (!pending || pending.count === 0 || !options.createUnknown) return;

  const source = await resolveSource(db, options.createUnknown.leadSource);
  await db.execute(sql`
    insert into leads (origin, external_id, source_id, time_zone, phone_e164, created_at, import_id)
    select ${options.origin}, lead_phone, ${source.id}::bigint, ${run.timeZone},
      lead_phone,
      min(started_at) filter (where direction = 'inbound'),
      ${run.importId}::bigint
    from ${stage}
    where lead_id is null and lead_phone is not null
    group by lead_phone
    on conflict (origin, external_id) do nothing`);
  await regroupPersons(db);
}

// Messages arrive in any order: a lead this path created at a message
// moves back to an earlier one when that one comes later. A lead whose
// run was an import or the API keeps the creation time it was given (a
// lead's import_id stays the run that created it). A lead created for a
// status alone has no creation time and is left so: the business wrote
// first, so the lead did not ask to be contacted.
async function moveLeadsBackToFirstMessage(db: Database) {
  const moved = await queryRows<{ id: number }>(
    db,
    sql`
    update leads l set created_at = first.at, updated_at = now()
    from (
      select lead_id, min(started_at) as at from ${stage}
      where direction = 'inbound' and lead_id is not null group by lead_id
    ) first, imports i
    where l.id = first.lead_id and i.id = l.import_id
      and (i.preset like 'webhook-%' or i.preset = 'whatsapp-cloud')
      and l.created_at > first.at
    returning l.id::int as id`,
  );
  // Persons are grouped by creation times.
  if (moved.length > 0) await regroupPersons(db);
}

async function keepStoredFields(db: Database, origin: string) {
  await db.execute(sql`
    update ${stage} st set
      channel = a.channel::text,
      direction = a.direction::text,
      automated = a.automated,
      purpose = a.purpose::text,
      agent = ag.external_id,
      started_at = least(a.started_at,
        case when st.started_at > 'epoch'::timestamptz then st.started_at end),
      outcome = a.outcome::text,
      duration_seconds = a.duration_seconds,
      template = t.name,
      disposition_code = a.disposition_code
    from attempts a
    left join agents ag on ag.id = a.agent_id
    left join templates t on t.id = a.template_id
    where a.origin = ${origin} and a.external_id = st.external_id`);
}

// Reports of one new message in one delivery may come in any order: the
// attempt starts at the earliest instant any of them gives.
async function startAtFirstReport(db: Database) {
  await db.execute(sql`
    update ${stage} st set started_at = first.at
    from (
      select external_id, min(started_at) as at from ${stage}
      where started_at > 'epoch'::timestamptz group by external_id
    ) first
    where first.external_id = st.external_id`);
}

async function linkReplies(
  db: Database,
  events: MessageEvent[],
  origin: string,
) {
  // A message reported twice keeps the link its last report gives, as when
  // the reports come in separate deliveries.
  const last = new Map<string, string>();
  for (const event of events) {
    if (event.kind === "inbound" && event.replyTo)
      last.set(event.messageId, event.replyTo);
  }
  const links = [...last].map(([id, replyTo]) => ({ id, reply_to: replyTo }));
  if (links.length === 0) return;

  await db.execute(sql`
    update attempts a set reply_to_external_id = x.reply_to
    from json_to_recordset(${JSON.stringify(links)}::json)
      as x(id text, reply_to text)
    where a.origin = ${origin} and a.external_id = x.id
      and a.reply_to_external_id is distinct from x.reply_to`);
}
