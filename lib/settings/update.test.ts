import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { importFile } from "@/lib/import";
import { csvFile } from "@/lib/import/test-helpers";
import { getContactRates } from "@/lib/metrics/contact";
import { parseMetricFilter } from "@/lib/metrics/filter";
import { insertFixture } from "@/lib/testing/fixture";
import { getSettings } from "./index";
import { updateSettings } from "./update";

const at = (iso: string) => new Date(iso);

// Three leads of 2 March 2026 in Madrid, each called once:
//   quick    answered an hour later        contacted within 1 day and 7
//   slow     answered 4 days later         contacted within 7 days only
//   silent   no answer                     never contacted
const fixture = {
  settings: { reportTimezone: "Europe/Madrid", contactWindowDays: 7 },
  leads: [
    { key: "quick", createdAt: at("2026-03-02T09:00:00Z") },
    { key: "slow", createdAt: at("2026-03-02T10:00:00Z") },
    { key: "silent", createdAt: at("2026-03-02T11:00:00Z") },
  ],
  attempts: [
    call("quick", "2026-03-02T10:00:00Z", "answered"),
    call("slow", "2026-03-06T10:00:00Z", "answered"),
    call("silent", "2026-03-02T12:00:00Z", "no_answer"),
  ],
};

function call(lead: string, iso: string, outcome: "answered" | "no_answer") {
  return {
    lead,
    at: iso,
    channel: "call" as const,
    direction: "outbound" as const,
    outcome,
  };
}

const form = {
  organisationName: "Reachboard",
  reportTimezone: "Europe/Madrid",
  organisationTimezone: "Europe/Madrid",
  defaultCountry: "ES",
  reportCurrency: "EUR",
  rates: [],
  expectedLifetimeMonths: "24",
  contactWindowDays: "7",
  speedTargetMinutes: "5",
  duplicateWindowDays: "30",
  policyCalls: "4",
  policySlots: "3",
  policyWindowHours: "24",
  callingHoursStart: "8",
  callingHoursEnd: "21",
  maxCallsPerDay: "6",
  recoveryWindowDays: "7",
  minCellAttempts: "20",
  contactRateTarget: "40",
};

const period = parseMetricFilter({ from: "2026-03-02", to: "2026-03-02" });

describe("saving the organisation's settings", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await connection.db.execute(sql`insert into users
      (id, email, name, role, password_hash)
      values (1, 'admin@example.com', 'Admin', 'admin', 'unused')`);
    await insertFixture(connection.db, fixture);
  });
  afterAll(() => connection.close());

  const lastAudit = async () => {
    const [row] = await queryRows<{ action: string; details: string }>(
      connection.db,
      sql`select action::text as action, details::text as details
        from audit_log order by id desc limit 1`,
    );

    return { action: row?.action, details: JSON.parse(row?.details ?? "{}") };
  };
  const aggState = async () => {
    const [row] = await queryRows<{ key: string; builtAt: string }>(
      connection.db,
      sql`select settings_key as key, built_at::text as "builtAt"
        from agg_state where id = 1`,
    );

    return row;
  };

  it("lowers the contact window, rebuilds, and the lead contact rate drops from 2 of 3 to 1 of 3", async () => {
    const before = await getContactRates(connection.db, period);
    const stateBefore = await aggState();

    const result = await updateSettings(connection.db, 1, {
      ...form,
      contactWindowDays: "1",
    });
    const after = await getContactRates(connection.db, period);
    const stateAfter = await aggState();
    const settings = await getSettings(connection.db);

    expect(result).toEqual({
      ok: true,
      changes: { contact_window_days: { from: 7, to: 1 } },
      rebuilt: true,
    });
    expect(before.leadContactRate.numerator).toBe(2);
    expect(before.leadContactRate.denominator).toBe(3);
    expect(after.leadContactRate.numerator).toBe(1);
    expect(after.leadContactRate.denominator).toBe(3);
    expect(stateAfter?.key).not.toBe(stateBefore?.key);
    expect(stateAfter?.key).toContain(",1,");
    expect(settings.contactWindowDays).toBe(1);
    expect(await lastAudit()).toEqual({
      action: "settings_changed",
      details: {
        setting: "organisation",
        changes: { contact_window_days: { from: 7, to: 1 } },
      },
    });
  });

  it("changes a name, a cell minimum and the target without rebuilding", async () => {
    const stateBefore = await aggState();
    const updatedBefore = (await getSettings(connection.db)).updatedAt;

    const result = await updateSettings(connection.db, 1, {
      ...form,
      contactWindowDays: "1",
      organisationName: "Acme Insurance",
      minCellAttempts: "10",
      contactRateTarget: "55",
    });
    const settings = await getSettings(connection.db);

    expect(result).toEqual({
      ok: true,
      changes: {
        organisation_name: { from: "Reachboard", to: "Acme Insurance" },
        min_cell_attempts: { from: 20, to: 10 },
        contact_rate_target_percent: { from: 40, to: 55 },
      },
      rebuilt: false,
    });
    expect(await aggState()).toEqual(stateBefore);
    expect(settings.updatedAt.getTime()).toBeGreaterThan(
      updatedBefore.getTime(),
    );
  });

  it("records a new report currency with its rates from the old ones", async () => {
    const result = await updateSettings(connection.db, 1, {
      ...form,
      contactWindowDays: "1",
      organisationName: "Acme Insurance",
      minCellAttempts: "10",
      contactRateTarget: "55",
      reportCurrency: "usd",
      rates: [{ currency: "EUR", rate: "1.08" }],
    });

    expect(result).toEqual({
      ok: true,
      changes: {
        report_currency: { from: "EUR", to: "USD" },
        currency_rates: { from: { EUR: 1 }, to: { EUR: 1.08, USD: 1 } },
      },
      rebuilt: true,
    });
  });

  it("writes nothing when one field is wrong", async () => {
    const auditBefore = await lastAudit();

    const result = await updateSettings(connection.db, 1, {
      ...form,
      organisationName: "Someone else",
      callingHoursStart: "22",
    });

    expect(result).toEqual({
      ok: false,
      fields: {
        callingHoursEnd: "Enter an hour after the start (22), at most 24.",
      },
    });
    expect((await getSettings(connection.db)).organisationName).toBe(
      "Acme Insurance",
    );
    expect(await lastAudit()).toEqual(auditBefore);
  });

  it("regroups duplicates and rebuilds when the duplicate window changes", async () => {
    const result = await updateSettings(connection.db, 1, {
      ...form,
      contactWindowDays: "1",
      organisationName: "Acme Insurance",
      minCellAttempts: "10",
      contactRateTarget: "55",
      reportCurrency: "USD",
      rates: [{ currency: "EUR", rate: "1.08" }],
      duplicateWindowDays: "0",
    });

    expect(result).toEqual({
      ok: true,
      changes: { duplicate_window_days: { from: 30, to: 0 } },
      rebuilt: true,
    });
  });

  // Two admins saving at once: the second waits for the first's lock and
  // records its change from the first's value, so the log holds 1 → 3 → 5
  // or 1 → 5 → 3, never two steps from 1.
  it.skipIf(!process.env.DATABASE_URL)(
    "records each of two concurrent saves from the value the other left",
    async () => {
      const base = {
        ...form,
        organisationName: "Acme Insurance",
        minCellAttempts: "10",
        contactRateTarget: "55",
        reportCurrency: "USD",
        rates: [{ currency: "EUR", rate: "1.08" }],
        duplicateWindowDays: "0",
      };

      const results = await Promise.all([
        updateSettings(connection.db, 1, { ...base, contactWindowDays: "3" }),
        updateSettings(connection.db, 1, { ...base, contactWindowDays: "5" }),
      ]);
      const steps = results
        .map((result) => {
          const change = result.ok
            ? result.changes.contact_window_days
            : undefined;

          return `${String(change?.from)} → ${String(change?.to)}`;
        })
        .sort();

      expect([
        ["1 → 3", "3 → 5"],
        ["1 → 5", "5 → 3"],
      ]).toContainEqual(steps);
    },
  );

  // Bogotá keeps UTC-5 all year: 09:00 there is 14:00 UTC.
  it("sets the organisation's zone without rebuilding, and the next import reads a lead without a zone in it", async () => {
    const current = await getSettings(connection.db);
    const stateBefore = await aggState();

    const result = await updateSettings(connection.db, 1, {
      ...form,
      organisationName: current.organisationName,
      contactWindowDays: String(current.contactWindowDays),
      minCellAttempts: String(current.minCellAttempts),
      contactRateTarget: String(current.contactRateTarget),
      reportCurrency: current.reportCurrency,
      rates: [{ currency: "EUR", rate: "1.08" }],
      duplicateWindowDays: String(current.duplicateWindowDays),
      organisationTimezone: "America/Bogota",
    });
    const stateAfter = await aggState();
    await importFile(connection.db, {
      preset: "leads",
      fileName: "Zoneless.csv",
      input: csvFile([
        "external_id,source,created_at",
        "Z-1,Web,2026-03-10 09:00",
      ]),
    });
    const [lead] = await queryRows<{ zone: string; created: string }>(
      connection.db,
      sql`select time_zone as zone,
        to_char(created_at at time zone 'UTC', 'YYYY-MM-DD HH24:MI') as created
      from leads where external_id = 'Z-1'`,
    );

    expect(result).toEqual({
      ok: true,
      changes: {
        organisation_timezone: { from: "Europe/Madrid", to: "America/Bogota" },
      },
      rebuilt: false,
    });
    expect(stateAfter).toEqual(stateBefore);
    expect(await lastAudit()).toEqual({
      action: "settings_changed",
      details: {
        setting: "organisation",
        changes: {
          organisation_timezone: {
            from: "Europe/Madrid",
            to: "America/Bogota",
          },
        },
      },
    });
    expect(lead).toEqual({
      zone: "America/Bogota",
      created: "2026-03-10 14:00",
    });
  });
});
