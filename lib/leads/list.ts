import { type SQL, sql } from "drizzle-orm";
import { type Database, isoInstantSql, queryRows } from "@/lib/db";
import { createLogger } from "@/lib/log";
import {
  contactedLeadsCte,
  contactedWithinWindow,
} from "@/lib/metrics/contacted";
import type { MetricFilter } from "@/lib/metrics/filter";
import { isConvertedLead } from "@/lib/metrics/lead-flags";
import {
  type LostLeadRuleCode,
  describeLostLeadRule,
} from "@/lib/metrics/lost-lead-rules";
import { isContactLikeSql } from "@/lib/privacy/mask";
import { type Settings, getSettings } from "@/lib/settings";
import { stripControlCharacters } from "@/lib/text";
import { toZonedTime } from "./instants";
import { getPageRange } from "./pages";
import { type LeadSetId, leadSetCtes, lostClassOfSet } from "./sets";

const log = createLogger("leads:list");

export const leadSorts = ["created", "source", "calls"] as const;
export type LeadSort = (typeof leadSorts)[number];
export type SortDirection = "asc" | "desc";

export const defaultPageSize = 50;

/** The most rows one request returns: one screen page, or a whole export. */
export const maxListRows = 100_000;

export type LeadListOptions = {
  set: LeadSetId;
  sort: LeadSort;
  direction: SortDirection;
  /** 1-based. */
  page: number;
  pageSize: number;
  /** Part of the lead's external id; with `searchContactData`, also of its
   * phone digits or e-mail address, and without it never of an external id
   * that is a phone number. Control characters are dropped. */
  search?: string;
  /** Only for roles that may see contact data: searching by phone or
   * e-mail would otherwise confirm what the mask hides. */
  searchContactData?: boolean;
};

/** One lead of a list, with its contact data unmasked: mask it for the
 * viewer's role before it leaves the server (see present.ts). */
export type LeadListRow = {
  id: number;
  externalId: string;
  source: string;
  campaign: string | null;
  /** The creation instant, ISO in UTC; null for a lead without one. */
  createdAt: string | null;
  /** The creation instant on the lead's own clock, `YYYY-MM-DD HH:MM`;
   * null for a lead without one. */
  createdLocal: string | null;
  timeZone: string;
  /** E.164, or the number as written when it could not be normalised. */
  phone: string | null;
  email: string | null;
  /** Outbound calls, on any channel filter. */
  calls: number;
  /** Outbound messages (whatsapp, sms, email). */
  messages: number;
  /** Contacted within the contact window of creation, as the lead contact
   * rate counts it (the channel filter applies). */
  contacted: boolean;
  converted: boolean;
  /** For the lost-* sets: the rule that placed the lead in its class. */
  rule: string | null;
};

export type LeadList = { total: number; rows: LeadListRow[] };

type Row = Omit<LeadListRow, "rule" | "createdLocal"> & {
  ruleCode: LostLeadRuleCode | null;
  callsInWindow: number | null;
  slotsInWindow: number | null;
  tooFewCalls: boolean | null;
  tooFewSlots: boolean | null;
  noRecoveryMessage: boolean | null;
  total: number;
};

/**
 * One page of the leads of a set, for the filter of the page. The total is
 * the set's size after the search, over all pages. Ties in every order are
 * broken by lead id, so pages never overlap.
 */
export async function listLeads(
  db: Database,
  filter: MetricFilter,
  options: LeadListOptions,
  settings?: Settings,
): Promise<LeadList> {
  const started = Date.now();
  const resolved = settings ?? (await getSettings(db));
  const pageSize = Math.max(
    1,
    Math.min(maxListRows, Math.trunc(options.pageSize)),
  );
  const page = Math.max(1, Math.trunc(options.page));
  const matches = searchCondition(options);
  const { sort, direction } = options;

  const rows = await queryRows<Row>(
    db,
    sql`with ${leadSetCtes(options.set, filter, resolved)},
    listed as (
      select l.id, l.external_id, s.name as source, cp.name as campaign,
        l.created_at, l.time_zone, coalesce(l.phone_e164, l.phone_raw) as phone,
        l.email, coalesce(n.calls, 0) as calls,
        coalesce(n.messages, 0) as messages, ls.rule_code, ls.calls_in_window,
        ls.slots_in_window, ls.too_few_calls, ls.too_few_slots,
        ls.no_recovery_message, count(*) over () as total
      from lead_set ls
      join leads l on l.id = ls.lead_id
      join sources s on s.id = l.source_id
      left join campaigns cp on cp.id = l.campaign_id
      left join lateral (
        select count(*) filter (where a.channel = 'call') as calls,
          count(*) filter (where a.channel <> 'call') as messages
        from attempts a
        where a.lead_id = l.id and a.direction = 'outbound'
      ) n on true
      where ${matches}
      order by ${orderBy(sort, direction, {
        created: sql`l.created_at`,
        source: sql`s.name`,
        calls: sql`coalesce(n.calls, 0)`,
      })}
      limit ${pageSize} offset ${(page - 1) * pageSize}
    ),
    ${contactedLeadsCte({
      name: "listed_contacted",
      scope: sql`l.id in (select x.id from listed x)`,
      channels: filter.channels,
    })}
    select l.id::int as id, l.external_id::text as "externalId",
      l.source::text as source, l.campaign::text as campaign,
      ${isoInstantSql(sql`l.created_at`)}
        as "createdAt",
      l.time_zone::text as "timeZone", l.phone::text as phone,
      l.email::text as email, l.calls::int as calls,
      l.messages::int as messages,
      ${contactedWithinWindow(resolved.contactWindowDays)} as contacted,
      ${isConvertedLead(sql.raw("src"))} as converted,
      l.rule_code::text as "ruleCode",
      l.calls_in_window::int as "callsInWindow",
      l.slots_in_window::int as "slotsInWindow",
      l.too_few_calls as "tooFewCalls", l.too_few_slots as "tooFewSlots",
      l.no_recovery_message as "noRecoveryMessage", l.total::int as total
    from listed l
    join listed_contacted c on c.lead_id = l.id
    join leads src on src.id = l.id
    order by ${orderBy(sort, direction, {
      created: sql`l.created_at`,
      source: sql`l.source`,
      calls: sql`l.calls`,
    })}`,
  );

  const total =
    rows[0]?.total ??
    (page > 1 ? await countLeads(db, filter, options, resolved) : 0);
  log.info("listed leads", {
    set: options.set,
    page,
    rows: rows.length,
    total,
    ms: Date.now() - started,
  });

  return {
    total,
    rows: rows.map((row) => toListRow(row, options.set, resolved)),
  };
}

/**
 * One page of the leads of a set for a screen: a page past the last lists
 * the last page, so the rows shown and the range named agree. The API keeps
 * `listLeads`, empty past the end, so a caller paging until an empty page
 * stops.
 */
export async function listLeadPage(
  db: Database,
  filter: MetricFilter,
  options: LeadListOptions,
  settings?: Settings,
): Promise<LeadList & { page: number }> {
  const resolved = settings ?? (await getSettings(db));
  const list = await listLeads(db, filter, options, resolved);
  const { page } = getPageRange(options.page, options.pageSize, list.total);
  if (page === options.page || list.total === 0) return { ...list, page };

  const last = await listLeads(db, filter, { ...options, page }, resolved);

  return { ...last, page };
}

/** The size of a set after the search: the count `listLeads` reports. */
export async function countLeads(
  db: Database,
  filter: MetricFilter,
  options: Pick<LeadListOptions, "set" | "search" | "searchContactData">,
  settings?: Settings,
): Promise<number> {
  const resolved = settings ?? (await getSettings(db));

  const [row] = await queryRows<{ total: number }>(
    db,
    sql`with ${leadSetCtes(options.set, filter, resolved)}
    select count(*)::int as total
    from lead_set ls join leads l on l.id = ls.lead_id
    where ${searchCondition(options)}`,
  );

  return row?.total ?? 0;
}

function toListRow(row: Row, set: LeadSetId, settings: Settings): LeadListRow {
  const rule =
    lostClassOfSet(set) && row.ruleCode
      ? describeLostLeadRule(
          {
            ruleCode: row.ruleCode,
            callsInWindow: row.callsInWindow ?? 0,
            slotsInWindow: row.slotsInWindow ?? 0,
            tooFewCalls: row.tooFewCalls ?? false,
            tooFewSlots: row.tooFewSlots ?? false,
            noRecoveryMessage: row.noRecoveryMessage ?? false,
            createdAt: row.createdAt,
          },
          settings,
        )
      : null;

  return {
    id: row.id,
    externalId: row.externalId,
    source: row.source,
    campaign: row.campaign,
    createdAt: row.createdAt,
    createdLocal:
      row.createdAt === null
        ? null
        : toZonedTime(row.createdAt, row.timeZone).wall,
    timeZone: row.timeZone,
    phone: row.phone,
    email: row.email,
    calls: row.calls,
    messages: row.messages,
    contacted: row.contacted,
    converted: row.converted,
    rule,
  };
}

/** The sort keys, given as expressions of the query they order. Secondary
 * keys: newest first, then the lead id, so the order is total. */
function orderBy(
  sort: LeadSort,
  direction: SortDirection,
  keys: Record<LeadSort, SQL>,
): SQL {
  const dir = sql.raw(direction === "asc" ? "asc" : "desc");
  const created = keys.created;
  const parts: Record<LeadSort, SQL> = {
    created: sql`${created} ${dir}`,
    source: sql`${keys.source} ${dir}, ${created} desc`,
    calls: sql`${keys.calls} ${dir}, ${created} desc`,
  };

  return sql`${parts[sort]}, l.id ${dir}`;
}

function searchCondition(
  options: Pick<LeadListOptions, "search" | "searchContactData">,
): SQL {
  const text = stripControlCharacters(options.search ?? "").trim();
  if (text === "") return sql`true`;
  const pattern = `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
  if (!options.searchContactData) {
    // An id that is a phone number or an e-mail address is masked for this
    // role, so matching it would confirm what the mask hides.
    return sql`(l.external_id ilike ${pattern}
      and not ${isContactLikeSql(sql`l.external_id`)})`;
  }
  const parts = [
    sql`l.external_id ilike ${pattern}`,
    sql`l.email ilike ${pattern}`,
  ];
  // A phone is searched by its digits only when the search is written as a
  // phone is (digits, spaces, + ( ) . / -): "plain-001" is an id, and its
  // 001 would match every number holding those digits.
  const digits = text.replace(/\D/g, "");
  if (digits.length >= 3 && /^[\d\s+().\/-]+$/.test(text)) {
    parts.push(sql`regexp_replace(coalesce(l.phone_e164, l.phone_raw, ''),
      '\\D', '', 'g') like ${`%${digits}%`}`);
  }

  return sql`(${sql.join(parts, sql` or `)})`;
}
