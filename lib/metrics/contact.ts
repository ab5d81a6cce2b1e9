import { sql } from "drizzle-orm";
import {
  readCallCounts,
  readContactCounts,
  readLeadMeasure,
  readLeadTotals,
} from "@/lib/aggregates/read-contact";
import {
  type FigureOptions,
  shouldReadAggregates,
} from "@/lib/aggregates/state";
import { type Database, queryRows } from "@/lib/db";
import { type Settings, getSettings } from "@/lib/settings";
import {
  attemptIsContact,
  contactedLeadsCte,
  contactedWithinWindow,
  joinAttemptDisposition,
} from "./contacted";
import {
  type MetricFilter,
  attemptAgentScope,
  attemptChannelScope,
  instantInPeriod,
  leadScope,
  leadsOfPeriod,
} from "./filter";
import { type Rate, toRate } from "./rate";
import { countUndatedLeads } from "./undated";

export type ContactRates = {
  /** Leads created in the period. */
  leads: number;
  /** Of them, leads with at least one outbound attempt. */
  workedLeads: number;
  leadContactRate: Rate;
  /** Contacted within the window over worked leads. A lead contacted only by
   * its own call or reply, never tried by us, is in neither part. */
  workedContactRate: Rate;
  /** First contact on the creation day in the lead's own zone. Contacts
   * known only from a lead-level disposition have no day and do not count. */
  sameDayContactRate: Rate;
  leftOut: number;
};

/** The lead-level contact rates of METRICS.md "Contact". The channel filter
 * narrows the attempts that can make a contact or make a lead worked; the
 * aggregates hold contact on every channel, so it reads the raw rows. */
export async function getContactRates(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
  options?: FigureOptions,
): Promise<ContactRates> {
  const resolved = settings ?? (await getSettings(db));
  const answerable = filter.channels.length === 0;
  // The leads left out are an independent read: it goes out with the
  // figure's own instead of after them.
  const [row, leftOut] = await Promise.all([
    shouldReadAggregates(db, resolved, options, answerable).then((fast) =>
      fast
        ? readContactCounts(db, filter)
        : queryContactCounts(db, filter, resolved),
    ),
    countUndatedLeads(db, filter, options),
  ]);

  const leads = row?.leads ?? 0;
  const workedLeads = row?.worked ?? 0;

  return {
    leads,
    workedLeads,
    leadContactRate: toRate(row?.contacted ?? 0, leads),
    workedContactRate: toRate(row?.workedContacted ?? 0, workedLeads),
    sameDayContactRate: toRate(row?.sameDay ?? 0, leads),
    leftOut,
  };
}

async function queryContactCounts(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  const { reportTimezone, contactWindowDays } = settings;
  const within = contactedWithinWindow(contactWindowDays);
  const worked = sql`exists (select 1 from attempts a
    where a.lead_id = l.id and a.direction = 'outbound'
      and ${attemptChannelScope(filter)})`;

  const [row] = await queryRows<{
    leads: number;
    contacted: number;
    worked: number;
    workedContacted: number;
    sameDay: number;
  }>(
    db,
    sql`with ${contactedLeadsCte({
      scope: leadsOfPeriod(filter, reportTimezone),
      channels: filter.channels,
    })}
    select count(*)::int as leads,
      count(*) filter (where ${within})::int as contacted,
      count(*) filter (where ${worked})::int as worked,
      count(*) filter (where ${within} and ${worked})::int as "workedContacted",
      count(*) filter (where
        (c.first_contact_at at time zone l.time_zone)::date
          = (l.created_at at time zone l.time_zone)::date)::int as "sameDay"
    from contacted_leads c join leads l on l.id = c.lead_id`,
  );

  return row;
}

export type CallRates = {
  /** Outbound calls started in the period. */
  calls: number;
  callAnswerRate: Rate;
  /** Answered plus voicemail: the line worked and reached the lead. */
  connectionRate: Rate;
  leftOut: number;
};

/** Attempt-level call rates: outbound calls started in the period, by the
 * filtered agents themselves, to leads of the source and campaign filter. */
export async function getCallRates(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
  options?: FigureOptions,
): Promise<CallRates> {
  const resolved = settings ?? (await getSettings(db));
  const row = (await shouldReadAggregates(db, resolved, options))
    ? await readCallCounts(db, filter)
    : await queryCallCounts(db, filter, resolved);

  const calls = row?.calls ?? 0;

  return {
    calls,
    callAnswerRate: toRate(row?.answered ?? 0, calls),
    connectionRate: toRate(row?.connected ?? 0, calls),
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

async function queryCallCounts(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
) {
  const [row] = await queryRows<{
    calls: number;
    answered: number;
    connected: number;
  }>(
    db,
    sql`select count(*)::int as calls,
      count(*) filter (where a.outcome = 'answered')::int as answered,
      count(*) filter (where a.outcome in ('answered', 'voicemail'))::int
        as connected
    from attempts a join leads l on l.id = a.lead_id
    where a.channel = 'call' and a.direction = 'outbound'
      and l.created_at is not null and ${leadScope(filter)}
      and ${attemptAgentScope(filter)} and ${attemptChannelScope(filter)}
      and ${instantInPeriod(sql`a.started_at`, filter, settings.reportTimezone)}`,
  );

  return row;
}

export type AttemptsToContact = {
  /** Contacted leads by how many outbound calls they got up to and
   * including the first contact (0: the lead reached us first). */
  distribution: { calls: number; leads: number }[];
  /** Contacted leads with a contact instant: the distribution's total. */
  contactedLeads: number;
  /** Contacted only per a lead-level disposition: no log to count calls in. */
  withoutAttemptLog: number;
  leftOut: number;
};

/** Over leads of the period contacted within the contact window. A channel
 * filter reads the raw rows, as in getContactRates. */
export async function getAttemptsToContact(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
  options?: FigureOptions,
): Promise<AttemptsToContact> {
  const resolved = settings ?? (await getSettings(db));
  const answerable = filter.channels.length === 0;
  const rows = (await shouldReadAggregates(db, resolved, options, answerable))
    ? await readAttemptsToContact(db, filter)
    : await queryAttemptsToContact(db, filter, resolved);

  // A lead-level contact has no instant, so its call count comes out null.
  const distribution = rows.flatMap((row) =>
    row.calls === null ? [] : [{ calls: row.calls, leads: row.leads }],
  );

  return {
    distribution,
    contactedLeads: distribution.reduce((sum, row) => sum + row.leads, 0),
    withoutAttemptLog: rows.find((row) => row.calls === null)?.leads ?? 0,
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

type CallsRow = { calls: number | null; leads: number };

async function readAttemptsToContact(
  db: Database,
  filter: MetricFilter,
): Promise<CallsRow[]> {
  const values = await readLeadMeasure(db, filter, "calls_to_contact");
  const { byLeadDisposition } = await readLeadTotals(db, filter);
  const rows: CallsRow[] = values.map(({ value, leads }) => ({
    calls: value,
    leads,
  }));

  return byLeadDisposition > 0
    ? [...rows, { calls: null, leads: byLeadDisposition }]
    : rows;
}

async function queryAttemptsToContact(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
): Promise<CallsRow[]> {
  const { reportTimezone, contactWindowDays } = settings;

  return queryRows<CallsRow>(
    db,
    sql`with ${contactedLeadsCte({
      scope: leadsOfPeriod(filter, reportTimezone),
      channels: filter.channels,
    })}
    select (case when c.first_contact_at is not null then (
        select count(*) from attempts a
        where a.lead_id = l.id and a.channel = 'call'
          and a.direction = 'outbound' and ${attemptChannelScope(filter)}
          and a.started_at <= c.first_contact_at) end)::int as calls,
      count(*)::int as leads
    from contacted_leads c join leads l on l.id = c.lead_id
    where ${contactedWithinWindow(contactWindowDays)}
    group by 1 order by 1 nulls last`,
  );
}

export type ContactByAttemptNumber = {
  /** Leads created in the period: the denominator of every point. */
  leads: number;
  /** Point n: leads first contacted on outbound call 1..n, within the
   * contact window, over leads. At least `policy_calls` points. */
  points: { attempt: number; rate: Rate }[];
  leftOut: number;
};

/** The cumulative contact curve by call number. A lead counts at call n when
 * its first contact is its n-th outbound call (by start, then id); leads
 * first reached another way never enter the curve. A channel filter reads
 * the raw rows, as in getContactRates. */
export async function getContactByAttemptNumber(
  db: Database,
  filter: MetricFilter,
  settings?: Settings,
  options?: FigureOptions,
): Promise<ContactByAttemptNumber> {
  const resolved = settings ?? (await getSettings(db));
  const answerable = filter.channels.length === 0;
  const rows = (await shouldReadAggregates(db, resolved, options, answerable))
    ? await readContactByAttempt(db, filter)
    : await queryContactByAttempt(db, filter, resolved);

  const leads = rows.reduce((sum, row) => sum + row.leads, 0);
  const byAttempt = new Map(rows.map((row) => [row.attempt, row.leads]));
  const last = Math.max(
    resolved.policyCalls,
    ...rows.map((row) => row.attempt ?? 0),
  );
  const points: ContactByAttemptNumber["points"] = [];
  let reached = 0;
  for (let attempt = 1; attempt <= last; attempt += 1) {
    reached += byAttempt.get(attempt) ?? 0;
    points.push({ attempt, rate: toRate(reached, leads) });
  }

  return {
    leads,
    points,
    leftOut: await countUndatedLeads(db, filter, options),
  };
}

type AttemptRow = { attempt: number | null; leads: number };

// The leads whose first contact was no call of the curve form the row
// without an attempt number, as the raw query groups them.
async function readContactByAttempt(
  db: Database,
  filter: MetricFilter,
): Promise<AttemptRow[]> {
  const values = await readLeadMeasure(db, filter, "contact_call");
  const { leads } = await readLeadTotals(db, filter);
  const rows: AttemptRow[] = values.map(({ value, leads: count }) => ({
    attempt: value,
    leads: count,
  }));
  const other = leads - rows.reduce((sum, row) => sum + row.leads, 0);

  return other > 0 ? [...rows, { attempt: null, leads: other }] : rows;
}

async function queryContactByAttempt(
  db: Database,
  filter: MetricFilter,
  settings: Settings,
): Promise<AttemptRow[]> {
  const { reportTimezone, contactWindowDays } = settings;

  return queryRows<AttemptRow>(
    db,
    sql`with ${contactedLeadsCte({
      scope: leadsOfPeriod(filter, reportTimezone),
      channels: filter.channels,
    })}
    select (case when ${contactedWithinWindow(contactWindowDays)}
        and fc.started_at = c.first_contact_at then fc.n end)::int as attempt,
      count(*)::int as leads
    from contacted_leads c join leads l on l.id = c.lead_id
    left join lateral (
      select r.n, r.started_at from (
        select a.started_at, ${attemptIsContact()} as is_contact,
          row_number() over (order by a.started_at, a.id) as n
        from attempts a ${joinAttemptDisposition()}
        where a.lead_id = l.id and a.channel = 'call'
          and a.direction = 'outbound' and ${attemptChannelScope(filter)}
      ) r
      where r.is_contact order by r.n limit 1
    ) fc on true
    group by 1`,
  );
}
