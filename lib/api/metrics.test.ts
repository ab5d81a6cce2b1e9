import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { insertKeyOwner } from "@/lib/testing/api-keys";
import { type FixtureAttempt, insertFixture } from "@/lib/testing/fixture";
import { toFigureJson } from "./metrics";
import { readSearchParams } from "@/lib/filters/url";
import { getFigure, listFigures } from "./routes";

// Three leads created on 1 November 2026 in Madrid: Ana answers lead A,
// Ben gets no answer on lead B, nobody tries lead C. Lead contact rate 1/3,
// worked contact rate 1/2, call answer rate 1/2.
function call(
  lead: string,
  at: string,
  agent: string,
  outcome: "answered" | "no_answer",
): FixtureAttempt {
  return { lead, at, agent, outcome, channel: "call", direction: "outbound" };
}

const fixture = {
  settings: { reportTimezone: "Europe/Madrid" },
  teams: [{ name: "Floor", agents: ["Ana", "Ben"] }],
  leads: [
    { key: "A", createdAt: new Date("2026-11-01T09:00:00Z") },
    { key: "B", createdAt: new Date("2026-11-01T10:00:00Z") },
    { key: "C", createdAt: new Date("2026-11-01T11:00:00Z") },
  ],
  attempts: [
    call("A", "2026-11-01T09:02:00Z", "Ana", "answered"),
    call("B", "2026-11-01T10:03:00Z", "Ben", "no_answer"),
  ],
};

const day = "http://127.0.0.1/api/v1/metrics/x?from=2026-11-01&to=2026-11-01";

describe("GET /api/v1/metrics/<figure>", () => {
  let connection: Connection;
  let adminKey: string;
  let marketerKey: string;
  let benId: number;

  beforeAll(async () => {
    connection = await createTestConnection();
    const ids = await insertFixture(connection.db, fixture);
    benId = ids.agentIds.get("Ben") ?? 0;
    const adminId = await insertKeyOwner(connection.db);
    adminKey = (
      await createApiKey(connection.db, adminId, { name: "BI", role: "admin" })
    ).secret;
    marketerKey = (
      await createApiKey(connection.db, adminId, {
        name: "Ads",
        role: "marketer",
      })
    ).secret;
  });
  afterAll(() => connection.close());

  function get(key: string, figure: string, url = day) {
    return getFigure(
      connection.db,
      { authorization: `Bearer ${key}` },
      figure,
      readSearchParams(url),
    );
  }

  it("answers each rate with value, numerator, denominator and interval", async () => {
    const result = await get(adminKey, "contact-rates");
    const body = result.body as {
      data: Record<string, unknown>;
      filter: unknown;
    };

    expect(result.status).toBe(200);
    expect(body.data.leads).toBe(3);
    expect(body.data.workedLeads).toBe(2);
    expect(body.data.leadContactRate).toEqual({
      value: 1 / 3,
      numerator: 1,
      denominator: 3,
      interval: {
        low: expect.closeTo(0.0615, 4),
        high: expect.closeTo(0.7923, 4),
      },
    });
    expect(body.data.workedContactRate).toMatchObject({
      numerator: 1,
      denominator: 2,
    });
    expect(body.filter).toMatchObject({
      from: "2026-11-01",
      to: "2026-11-01",
      range: "custom",
    });
  });

  it("narrows by agent for a key whose role sees agent figures", async () => {
    const result = await get(adminKey, "call-rates", `${day}&agent=${benId}`);

    expect(result.body).toMatchObject({
      filter: { agentIds: [benId] },
      data: { callAnswerRate: { numerator: 0, denominator: 1 } },
    });
  });

  it("drops agent filters and per-agent groups for a marketer key", async () => {
    const rates = await get(marketerKey, "call-rates", `${day}&agent=${benId}`);
    const compliance = await get(marketerKey, "compliance");
    const adminCompliance = await get(adminKey, "compliance");

    expect(rates.body).toMatchObject({
      filter: { agentIds: [] },
      data: { callAnswerRate: { numerator: 1, denominator: 2 } },
    });
    expect(
      Object.keys((compliance.body as { data: object }).data),
    ).not.toContain("byAgent");
    expect(
      Object.keys((adminCompliance.body as { data: object }).data),
    ).toContain("byAgent");
  });

  it("adds the previous period with compare=1", async () => {
    const result = await get(adminKey, "contact-rates", `${day}&compare=1`);

    expect(result.body).toMatchObject({
      previous: {
        filter: { from: "2026-10-31", to: "2026-10-31" },
        data: { leads: 0, leadContactRate: { value: null, interval: null } },
      },
    });
  });

  it("answers 404 naming the known figures, and lists them", async () => {
    const missing = await get(adminKey, "happiness");
    const list = await listFigures(connection.db, {
      authorization: `Bearer ${adminKey}`,
    });

    expect(missing.status).toBe(404);
    expect((list.body as { figures: string[] }).figures).toHaveLength(20);
  });

  it("answers 400 for a period it will not compute", async () => {
    const base = "http://127.0.0.1/api/v1/metrics/x";
    const tooLong = await get(
      adminKey,
      "daily-contact-rate",
      `${base}?from=0001-01-01&to=9999-12-31`,
    );
    const reversed = await get(
      adminKey,
      "overview",
      `${base}?from=2026-11-02&to=2026-11-01`,
    );

    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ error: { code: "invalid_query" } });
    expect(reversed.status).toBe(400);
  });

  it("answers 400 to days not written YYYY-MM-DD", async () => {
    const base = "http://127.0.0.1/api/v1/metrics/x";
    const queries = [
      "from=2026-3-1&to=2026-3-5",
      "to=2026-3-5",
      "from=20260301",
      "from=2026-03-01T00:00",
      "from=2026-03-01%20&to=2026-03-05",
    ];
    const results = await Promise.all(
      queries.map((query) => get(adminKey, "overview", `${base}?${query}`)),
    );

    expect(results.map((result) => result.status)).toEqual([
      400, 400, 400, 400, 400,
    ]);
    expect(results[0]?.body).toEqual({
      error: {
        code: "invalid_query",
        message:
          "from and to must be days (YYYY-MM-DD) from 2000-01-01 to 2099-12-31, from not after to, at most 3653 days apart.",
      },
    });
  });

  it("answers 401 without a key", async () => {
    const result = await getFigure(
      connection.db,
      { authorization: null },
      "overview",
      {},
    );

    expect(result).toEqual({
      status: 401,
      body: {
        error: {
          code: "unauthenticated",
          message: "Send an API key as Authorization: Bearer <key>.",
        },
      },
    });
  });

  it("turns a rate without data into a null value and a null interval", () => {
    expect(
      toFigureJson(
        {
          r: {
            numerator: 0,
            denominator: 0,
            value: null,
            low: null,
            high: null,
          },
        },
        true,
      ),
    ).toEqual({
      r: { value: null, numerator: 0, denominator: 0, interval: null },
    });
  });
});
