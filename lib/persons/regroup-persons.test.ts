import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { leads, persons } from "@/lib/db/schema";
import { createTestConnection } from "@/lib/db/testing";
import {
  clearFixture,
  type FixtureLead,
  insertFixture,
} from "@/lib/testing/fixture";
import { normalisePhone } from "./normalise-phone";
import { regroupPersons } from "./regroup-persons";

function phone(raw: string): string {
  const result = normalisePhone(raw, "ES");
  if (!("e164" in result)) throw new Error(result.problem);

  return result.e164;
}

function lead(key: string, fields: Omit<FixtureLead, "key">): FixtureLead {
  return { key, ...fields };
}

describe("regroupPersons", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());
  beforeEach(async () => {
    await clearFixture(connection.db);
    await connection.db.delete(persons);
  });

  async function readLeads() {
    const rows = await connection.db
      .select({
        key: leads.externalId,
        personKey: persons.key,
        isDuplicate: leads.isDuplicate,
      })
      .from(leads)
      .leftJoin(persons, eq(persons.id, leads.personId))
      .orderBy(asc(leads.externalId));

    return Object.fromEntries(
      rows.map((row) => [row.key, [row.personKey, row.isDuplicate]]),
    );
  }

  it("counts a lead exactly 30 days after the previous one as a duplicate, one second later as a new inquiry", async () => {
    await insertFixture(connection.db, {
      settings: { duplicateWindowDays: 30 },
      leads: [
        lead("a1", {
          phoneE164: "+34600000001",
          createdAt: new Date("2026-01-01T10:00:00Z"),
        }),
        lead("a2", {
          phoneE164: "+34600000001",
          createdAt: new Date("2026-01-31T10:00:00Z"),
        }),
        lead("a3", {
          phoneE164: "+34600000001",
          createdAt: new Date("2026-03-02T10:00:01Z"),
        }),
      ],
    });

    const result = await regroupPersons(connection.db);

    expect(result).toEqual({ persons: 1, duplicates: 1 });
    expect(await readLeads()).toEqual({
      a1: ["tel:+34600000001", false],
      a2: ["tel:+34600000001", true],
      a3: ["tel:+34600000001", false],
    });
  });

  it("measures the window from the previous lead, not from the primary one", async () => {
    // b3 is 45 days after b1 but 26 days after b2.
    await insertFixture(connection.db, {
      settings: { duplicateWindowDays: 30 },
      leads: [
        lead("b3", {
          email: "b@example.com",
          createdAt: new Date("2026-02-15T09:00:00Z"),
        }),
        lead("b1", {
          email: "b@example.com",
          createdAt: new Date("2026-01-01T09:00:00Z"),
        }),
        lead("b2", {
          email: "b@example.com",
          createdAt: new Date("2026-01-20T09:00:00Z"),
        }),
      ],
    });

    const result = await regroupPersons(connection.db);

    expect(result).toEqual({ persons: 1, duplicates: 2 });
    expect(await readLeads()).toEqual({
      b1: ["mailto:b@example.com", false],
      b2: ["mailto:b@example.com", true],
      b3: ["mailto:b@example.com", true],
    });
  });

  it("folds the case and spaces of e-mail addresses into one person", async () => {
    await insertFixture(connection.db, {
      settings: { duplicateWindowDays: 30 },
      leads: [
        lead("c1", {
          email: " Ana.Garcia@Example.COM ",
          createdAt: new Date("2026-01-01T09:00:00Z"),
        }),
        lead("c2", {
          email: "ana.garcia@example.com",
          createdAt: new Date("2026-01-02T09:00:00Z"),
        }),
      ],
    });

    await regroupPersons(connection.db);

    expect(await readLeads()).toEqual({
      c1: ["mailto:ana.garcia@example.com", false],
      c2: ["mailto:ana.garcia@example.com", true],
    });
  });

  it("groups one number written in three formats into one person", async () => {
    await insertFixture(connection.db, {
      settings: { duplicateWindowDays: 30 },
      leads: [
        lead("d1", {
          phoneE164: phone("+34 612 34 56 78"),
          createdAt: new Date("2026-01-01T09:00:00Z"),
        }),
        lead("d2", {
          phoneE164: phone("0034612345678"),
          createdAt: new Date("2026-04-01T09:00:00Z"),
        }),
        lead("d3", {
          phoneE164: phone("612-345-678"),
          createdAt: new Date("2026-04-03T09:00:00Z"),
        }),
      ],
    });

    const result = await regroupPersons(connection.db);

    expect(result).toEqual({ persons: 1, duplicates: 1 });
    expect(await readLeads()).toEqual({
      d1: ["tel:+34612345678", false],
      d2: ["tel:+34612345678", false],
      d3: ["tel:+34612345678", true],
    });
  });

  it("prefers the phone to the e-mail, and leaves leads with neither without a person", async () => {
    await insertFixture(connection.db, {
      settings: { duplicateWindowDays: 30 },
      leads: [
        lead("e1", {
          phoneE164: "+34600000005",
          email: "e@example.com",
          createdAt: new Date("2026-01-01T09:00:00Z"),
        }),
        lead("e2", {
          email: "e@example.com",
          createdAt: new Date("2026-01-02T09:00:00Z"),
        }),
        lead("e3", { createdAt: new Date("2026-01-03T09:00:00Z") }),
      ],
    });

    const result = await regroupPersons(connection.db);

    expect(result).toEqual({ persons: 2, duplicates: 0 });
    expect(await readLeads()).toEqual({
      e1: ["tel:+34600000005", false],
      e2: ["mailto:e@example.com", false],
      e3: [null, false],
    });
  });

  it("never counts a lead without a creation instant as a duplicate, and puts it after the dated leads", async () => {
    await insertFixture(connection.db, {
      settings: { duplicateWindowDays: 30 },
      leads: [
        lead("f1", { phoneE164: "+34600000006" }),
        lead("f2", {
          phoneE164: "+34600000006",
          createdAt: new Date("2026-01-01T09:00:00Z"),
        }),
        lead("f3", { phoneE164: "+34600000006" }),
        lead("f4", {
          phoneE164: "+34600000006",
          createdAt: new Date("2026-01-05T09:00:00Z"),
        }),
      ],
    });

    const result = await regroupPersons(connection.db);

    expect(result).toEqual({ persons: 1, duplicates: 1 });
    expect(await readLeads()).toEqual({
      f1: ["tel:+34600000006", false],
      f2: ["tel:+34600000006", false],
      f3: ["tel:+34600000006", false],
      f4: ["tel:+34600000006", true],
    });
  });

  it("uses the organisation's duplicate window", async () => {
    await insertFixture(connection.db, {
      settings: { duplicateWindowDays: 7 },
      leads: [
        lead("g1", {
          phoneE164: "+34600000007",
          createdAt: new Date("2026-01-01T09:00:00Z"),
        }),
        lead("g2", {
          phoneE164: "+34600000007",
          createdAt: new Date("2026-01-09T09:00:00Z"),
        }),
      ],
    });

    const result = await regroupPersons(connection.db);

    expect(result).toEqual({ persons: 1, duplicates: 0 });
  });

  it("changes nothing when run a second time", async () => {
    await insertFixture(connection.db, {
      settings: { duplicateWindowDays: 30 },
      leads: [
        lead("h1", {
          phoneE164: "+34600000008",
          createdAt: new Date("2026-01-01T09:00:00Z"),
        }),
        lead("h2", {
          phoneE164: "+34600000008",
          createdAt: new Date("2026-01-02T09:00:00Z"),
        }),
        lead("h3", { email: "h@example.com" }),
      ],
    });
    await regroupPersons(connection.db);
    const firstLeads = await connection.db
      .select()
      .from(leads)
      .orderBy(asc(leads.id));
    const firstPersons = await connection.db
      .select()
      .from(persons)
      .orderBy(asc(persons.id));

    const second = await regroupPersons(connection.db);

    expect(second).toEqual({ persons: 2, duplicates: 1 });
    expect(
      await connection.db.select().from(leads).orderBy(asc(leads.id)),
    ).toEqual(firstLeads);
    expect(
      await connection.db.select().from(persons).orderBy(asc(persons.id)),
    ).toEqual(firstPersons);
  });

  it("moves a lead whose phone changed and removes the person left without leads", async () => {
    await insertFixture(connection.db, {
      settings: { duplicateWindowDays: 30 },
      leads: [
        lead("i1", {
          phoneE164: "+34600000009",
          createdAt: new Date("2026-01-01T09:00:00Z"),
        }),
      ],
    });
    await regroupPersons(connection.db);
    await connection.db
      .update(leads)
      .set({ phoneE164: "+34600000010" })
      .where(eq(leads.externalId, "i1"));

    const result = await regroupPersons(connection.db);

    expect(result).toEqual({ persons: 1, duplicates: 0 });
    expect(
      (await connection.db.select().from(persons)).map((row) => row.key),
    ).toEqual(["tel:+34600000010"]);
  });
});
