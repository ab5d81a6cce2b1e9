import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { parseMetricFilter } from "@/lib/metrics/filter";
import { getFollowUpCompliance } from "@/lib/metrics/policy";
import { insertFixture } from "@/lib/testing/fixture";
import { getSettings } from "./index";
import { type SlotForm, updateSlots, validateSlots } from "./slots";

const row = (name: string, start: string, end: string): SlotForm => ({
  name,
  start,
  end,
});

describe("the slots form's validation", () => {
  it("reads slots in the order of their hours and drops empty rows", () => {
    expect(
      validateSlots(
        [
          row(" late ", "18", "21"),
          row("", "", ""),
          row("early", "8", "12"),
          row("day", "12", "18"),
        ],
        3,
      ),
    ).toEqual({
      ok: true,
      slots: [
        { name: "early", startHour: 8, endHour: 12 },
        { name: "day", startHour: 12, endHour: 18 },
        { name: "late", startHour: 18, endHour: 21 },
      ],
    });
  });

  it("says what each wrong field expected", () => {
    expect(
      validateSlots(
        [
          row("morning", "8", "12"),
          row("Morning", "7", "25"),
          row("", "13", "12"),
          row("noon", "11", "14"),
        ],
        3,
      ),
    ).toEqual({
      ok: false,
      fields: {
        "slots.1.name": 'Another slot is named "Morning" already.',
        "slots.1.end": "Enter a whole hour from 1 to 24.",
        "slots.2.name": "Enter a name of 1 to 40 characters.",
        "slots.2.end": "Enter an hour after the start (13), at most 24.",
        "slots.3.start": "Overlaps morning (8–12): choose hours outside it.",
      },
    });
  });

  it("flags the lower of two overlapping rows, even when it starts first", () => {
    expect(
      validateSlots(
        [row("late", "22", "23"), row("night", "21", "24"), row("x", "8", "9")],
        3,
      ),
    ).toEqual({
      ok: false,
      fields: {
        "slots.1.start": "Overlaps late (22–23): choose hours outside it.",
      },
    });
  });

  it("keeps as many slots as the policy asks for", () => {
    expect(validateSlots([row("day", "8", "21")], 2)).toEqual({
      ok: false,
      fields: {
        slots:
          'The policy asks for calls in 2 distinct slots: define at least 2, or lower "Policy slots" first.',
      },
    });
    expect(validateSlots([], 1)).toEqual({
      ok: false,
      fields: { slots: "Define at least one slot." },
    });
  });
});

// One lead of Monday 2 March 2026 in Madrid (UTC+1), never answered, three
// calls at 08:30, 12:30 and 15:30 local time; the policy asks for 3 calls
// in 3 distinct slots within 24 hours, and the lead consented to no
// message channel, so no recovery message is owed.
//   default slots (morning 8-12, midday 12-15, afternoon 15-18, evening
//   18-21): three slots                                 fully worked
//   a 8-11, b 11-12, c 12-21: slots a, c and c: two      too few slots
const fixture = {
  settings: {
    reportTimezone: "Europe/Madrid",
    policyCalls: 3,
    policySlots: 3,
    policyWindowHours: 24,
  },
  leads: [
    {
      key: "worked",
      createdAt: new Date("2026-03-02T07:00:00Z"),
      consentWhatsapp: false,
      consentSms: false,
    },
  ],
  attempts: ["07:30", "11:30", "14:30"].map((time) => ({
    lead: "worked",
    at: `2026-03-02T${time}:00Z`,
    channel: "call" as const,
    direction: "outbound" as const,
    outcome: "no_answer" as const,
  })),
};

const period = parseMetricFilter({ from: "2026-03-02", to: "2026-03-02" });

describe("saving the organisation's slots", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
    await connection.db.execute(sql`insert into users
      (id, email, name, role, password_hash)
      values (1, 'admin@example.com', 'Admin', 'admin', 'unused')`);
    await insertFixture(connection.db, fixture);
  });
  afterAll(() => connection.close());

  const compliance = async () => {
    const { overall } = await getFollowUpCompliance(connection.db, period);

    return [
      overall.compliance.numerator,
      overall.compliance.denominator,
      overall.gaps.tooFewSlots,
    ];
  };
  const lastAudit = async () => {
    const [audit] = await queryRows<{ details: string }>(
      connection.db,
      sql`select details::text as details from audit_log
        where action = 'settings_changed' order by id desc limit 1`,
    );

    return audit ? JSON.parse(audit.details) : null;
  };

  it("narrows the slots, rebuilds, and the lead is no longer fully worked", async () => {
    const before = await compliance();
    const { slots: old } = await getSettings(connection.db);

    const result = await updateSlots(connection.db, 1, [
      row("a", "8", "11"),
      row("b", "11", "12"),
      row("c", "12", "21"),
    ]);
    const after = await compliance();
    const slots = [
      { name: "a", startHour: 8, endHour: 11 },
      { name: "b", startHour: 11, endHour: 12 },
      { name: "c", startHour: 12, endHour: 21 },
    ];

    expect(before).toEqual([1, 1, 0]);
    expect(result).toEqual({
      ok: true,
      changes: { slots: { from: old, to: slots } },
      rebuilt: true,
    });
    expect(after).toEqual([0, 1, 1]);
    expect((await getSettings(connection.db)).slots).toEqual(slots);
    expect(await lastAudit()).toEqual({
      setting: "slots",
      changes: { slots: { from: old, to: slots } },
    });
  });

  it("writes nothing when a slot overlaps another", async () => {
    const auditBefore = await lastAudit();

    const result = await updateSlots(connection.db, 1, [
      row("a", "8", "12"),
      row("b", "11", "13"),
      row("c", "13", "21"),
    ]);

    expect(result).toEqual({
      ok: false,
      fields: {
        "slots.1.start": "Overlaps a (8–12): choose hours outside it.",
      },
    });
    expect((await getSettings(connection.db)).slots[0]).toEqual({
      name: "a",
      startHour: 8,
      endHour: 11,
    });
    expect(await lastAudit()).toEqual(auditBefore);
    expect(await compliance()).toEqual([0, 1, 1]);
  });

  it("saves the same slots again without a change or a rebuild", async () => {
    const result = await updateSlots(connection.db, 1, [
      row("c", "12", "21"),
      row("a", "8", "11"),
      row("b", "11", "12"),
    ]);

    expect(result).toEqual({ ok: true, changes: {}, rebuilt: false });
  });
});
