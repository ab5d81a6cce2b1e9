import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { attempts, leads, templates } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import { getSettings } from "@/lib/settings";
import { generateDemo } from "./generate";
import { isDatabaseEmpty, seedDemo } from "./seed";

// Big enough for the calibration shares to sit well inside their bands.
const options = { seed: 11, today: "2026-12-04", leads: 8000 };

// A contact as METRICS.md defines it, from the attempt log alone.
const contactAttempt = sql.raw(`(
  (a.channel = 'call' and a.direction = 'outbound' and a.outcome = 'answered')
  or (a.channel = 'call' and a.direction = 'inbound')
  or (a.channel <> 'call' and a.direction = 'inbound'))`);

describe("seedDemo", () => {
  let connection: Connection;
  let seeded: { leads: number; attempts: number };
  let emptyBefore: boolean;
  beforeAll(async () => {
    connection = await createTestConnection();
    emptyBefore = await isDatabaseEmpty(connection.db);
    seeded = await seedDemo(connection, options);
  });
  afterAll(() => connection.close());

  it("writes every generated lead and attempt and marks the settings as demo", async () => {
    const expected = generateDemo(options);
    const [counts] = await queryRows<{ leads: number; attempts: number }>(
      connection.db,
      sql`select (select count(*) from leads)::int as leads,
        (select count(*) from attempts)::int as attempts`,
    );
    const settings = await getSettings(connection.db);

    expect(emptyBefore).toBe(true);
    expect(await isDatabaseEmpty(connection.db)).toBe(false);
    expect(seeded).toEqual({ leads: 8000, attempts: expected.attempts.length });
    expect(counts).toEqual(seeded);
    expect(settings.isDemo).toBe(true);
    expect(settings.organisationName).toBe("Demo Energía & Seguros");
    expect(settings.reportTimezone).toBe("Europe/Madrid");
    expect(settings.currencyRates).toEqual({ EUR: 1, USD: 0.92, MXN: 0.05 });
  });

  it("stores leads and attempts exactly as generated", async () => {
    const expected = generateDemo(options);
    const lead = expected.leads.find(
      (candidate) => candidate.converted && candidate.preferredSlotStart,
    );
    const message = expected.attempts.find(
      (candidate) => candidate.messageStatus === "read",
    );
    const [storedLead] = await connection.db
      .select()
      .from(leads)
      .where(eq(leads.externalId, lead?.externalId ?? ""));
    const [storedMessage] = await connection.db
      .select()
      .from(attempts)
      .where(eq(attempts.externalId, message?.externalId ?? ""));
    const [template] = await connection.db
      .select()
      .from(templates)
      .where(eq(templates.id, storedMessage?.templateId ?? 0));

    expect(storedLead).toMatchObject({
      createdAt: new Date(lead?.createdAt ?? ""),
      timeZone: lead?.timeZone,
      phoneE164: lead?.phoneE164,
      consentWhatsapp: lead?.consentWhatsapp,
      preferredSlotStart: new Date(lead?.preferredSlotStart ?? ""),
      valueMinor: lead?.valueMinor,
      valueCurrency: lead?.valueCurrency,
      valueUnit: lead?.valueUnit,
      converted: true,
      convertedAt: new Date(lead?.convertedAt ?? ""),
      conversionValueMinor: lead?.conversionValueMinor,
      origin: "demo",
    });
    expect(storedMessage).toMatchObject({
      channel: message?.channel,
      direction: "outbound",
      automated: message?.automated,
      startedAt: new Date(message?.startedAt ?? ""),
      messageStatus: "read",
      deliveredAt: new Date(message?.deliveredAt ?? ""),
      readAt: new Date(message?.readAt ?? ""),
    });
    expect(template?.name).toBe(message?.templateName);
  });

  it("refuses to seed a database that already holds leads", async () => {
    await expect(seedDemo(connection, options)).rejects.toThrow(
      /empty database/,
    );
  });

  it("groups leads into persons, with the comparison site re-sending the most", async () => {
    const rows = await queryRows<{
      source: string;
      leads: number;
      duplicates: number;
    }>(
      connection.db,
      sql`select s.name as source, count(*)::int as leads,
        (count(*) filter (where l.is_duplicate))::int as duplicates
      from leads l join sources s on s.id = l.source_id
      group by s.name`,
    );
    const share = (row: (typeof rows)[number]) => row.duplicates / row.leads;
    const comparison = rows.find((row) => row.source === "Comparison site");
    const others = rows.filter((row) => row.source !== "Comparison site");
    const [unassigned] = await queryRows<{ count: number }>(
      connection.db,
      sql`select count(*)::int as count from leads
        where person_id is null and (phone_e164 is not null or email is not null)`,
    );

    expect(comparison && share(comparison)).toBeGreaterThan(0.2);
    expect(
      others.every((row) => comparison && share(row) < share(comparison)),
    ).toBe(true);
    expect(unassigned?.count).toBe(0);
  });

  it("contacts between 35 % and 45 % of leads within 7 days", async () => {
    const [row] = await queryRows<{ leads: number; contacted: number }>(
      connection.db,
      sql`with first_contact as (
        select a.lead_id, min(a.started_at) as at from attempts a
        where ${contactAttempt} group by a.lead_id
      )
      select count(*)::int as leads,
        (count(*) filter (where f.at <= l.created_at + interval '7 days'))::int as contacted
      from leads l left join first_contact f on f.lead_id = l.id`,
    );
    const share = (row?.contacted ?? 0) / (row?.leads ?? 1);

    expect(share).toBeGreaterThan(0.35);
    expect(share).toBeLessThan(0.45);
  });

  it("recovers about 1 in 3 leads messaged within 5 minutes, far fewer after a day", async () => {
    const rows = await queryRows<{
      bucket: string;
      messaged: number;
      recovered: number;
    }>(
      connection.db,
      sql`with first_message as (
        select distinct on (m.lead_id) m.lead_id, m.started_at
        from attempts m
        where m.direction = 'outbound' and m.channel in ('whatsapp', 'sms')
        order by m.lead_id, m.started_at
      ),
      delays as (
        select f.lead_id,
          extract(epoch from f.started_at - (
            select max(c.started_at) from attempts c
            where c.lead_id = f.lead_id and c.channel = 'call'
              and c.direction = 'outbound' and c.started_at < f.started_at
          ))::float8 / 60 as minutes,
          exists (
            select 1 from attempts a
            where a.lead_id = f.lead_id and ${contactAttempt}
              and a.started_at > f.started_at
              and a.started_at <= f.started_at + interval '7 days'
          ) as recovered
        from first_message f
      )
      select case when minutes <= 5 then 'within 5'
          when minutes <= 60 then '5-60'
          when minutes <= 1440 then '60-1440'
          else 'over 1440' end as bucket,
        count(*)::int as messaged,
        (count(*) filter (where recovered))::int as recovered
      from delays group by 1`,
    );
    const rate = (bucket: string) => {
      const row = rows.find((candidate) => candidate.bucket === bucket);

      return row ? row.recovered / row.messaged : Number.NaN;
    };

    expect(rate("within 5")).toBeGreaterThan(0.28);
    expect(rate("within 5")).toBeLessThan(0.4);
    expect(rate("within 5")).toBeGreaterThan(rate("5-60"));
    expect(rate("5-60")).toBeGreaterThan(rate("over 1440"));
    expect(rate("over 1440")).toBeLessThan(0.15);
  });

  it("recovers the hold-out far less often than messaged leads", async () => {
    const [row] = await queryRows<{
      holdout: number;
      contacted: number;
      messaged: number;
    }>(
      connection.db,
      sql`select count(*)::int as holdout,
        (count(*) filter (where exists (
          select 1 from attempts a where a.lead_id = l.id and ${contactAttempt}
        )))::int as contacted,
        (count(*) filter (where exists (
          select 1 from attempts a where a.lead_id = l.id
            and a.channel <> 'call' and a.direction = 'outbound'
        )))::int as messaged
      from leads l where l.holdout`,
    );
    const [callFailed] = await queryRows<{ count: number }>(
      connection.db,
      sql`select count(*)::int as count from leads l
      where exists (select 1 from attempts a where a.lead_id = l.id
          and a.channel = 'call' and a.direction = 'outbound')
        and not exists (select 1 from attempts a where a.lead_id = l.id
          and a.channel = 'call' and a.outcome = 'answered')`,
    );
    const holdout = row?.holdout ?? 0;

    expect(row?.messaged).toBe(0);
    expect(holdout / (callFailed?.count ?? 1)).toBeGreaterThan(0.05);
    expect(holdout / (callFailed?.count ?? 1)).toBeLessThan(0.15);
    expect((row?.contacted ?? 0) / holdout).toBeLessThan(0.12);
  });

  it("starts no attempt before its lead was created", async () => {
    const [row] = await queryRows<{ count: number }>(
      connection.db,
      sql`select count(*)::int as count from attempts a
        join leads l on l.id = a.lead_id where a.started_at < l.created_at`,
    );

    expect(row?.count).toBe(0);
  });

  it("sends every message after a failed call, to a lead not yet contacted, with a template", async () => {
    const [row] = await queryRows<{ messages: number; bad: number }>(
      connection.db,
      sql`select count(*)::int as messages,
        (count(*) filter (where m.template_id is null
          or not exists (select 1 from attempts c where c.lead_id = m.lead_id
            and c.channel = 'call' and c.direction = 'outbound'
            and c.outcome <> 'answered' and c.started_at < m.started_at)
          or exists (select 1 from attempts a where a.lead_id = m.lead_id
            and ${contactAttempt} and a.started_at < m.started_at)))::int as bad
      from attempts m
      where m.channel <> 'call' and m.direction = 'outbound'`,
    );

    expect(row?.messages).toBeGreaterThan(1000);
    expect(row?.bad).toBe(0);
  });

  it("answers calls better late in the morning than at lunch, in the lead's own hours", async () => {
    const rows = await queryRows<{
      hour: number;
      calls: number;
      answered: number;
    }>(
      connection.db,
      sql`select extract(hour from a.started_at at time zone l.time_zone)::int as hour,
        count(*)::int as calls,
        (count(*) filter (where a.outcome = 'answered'))::int as answered
      from attempts a join leads l on l.id = a.lead_id
      where a.channel = 'call' and a.direction = 'outbound'
      group by 1`,
    );
    const rate = (hours: number[]) => {
      const picked = rows.filter((row) => hours.includes(row.hour));
      const calls = picked.reduce((sum, row) => sum + row.calls, 0);

      return picked.reduce((sum, row) => sum + row.answered, 0) / calls;
    };
    const calls = rows.reduce((sum, row) => sum + row.calls, 0);
    const outside = rows
      .filter((row) => row.hour < 8 || row.hour >= 21)
      .reduce((sum, row) => sum + row.calls, 0);

    expect(rate([10, 11])).toBeGreaterThan(rate([14, 15]) * 1.3);
    expect(rate([17, 18])).toBeGreaterThan(rate([14, 15]) * 1.3);
    expect(outside).toBeGreaterThan(0);
    expect(outside / calls).toBeLessThan(0.01);
  });
});
