import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import { insertFixture } from "@/lib/testing/fixture";
import { leadExists, parseLeadId } from "./lead-id";
import { leadFixture } from "./test-fixture";

let connection: Connection;
let leadIds: Map<string, number>;

beforeAll(async () => {
  connection = await createTestConnection();
  ({ leadIds } = await insertFixture(connection.db, leadFixture));
});
afterAll(() => connection.close());

describe("lead ids", () => {
  it("reads digits only, up to a safe integer", () => {
    expect(parseLeadId("42")).toBe(42);
    expect(parseLeadId("999999999")).toBe(999_999_999);
    expect(parseLeadId("abc")).toBeNull();
    expect(parseLeadId("1e3")).toBeNull();
    expect(parseLeadId("-1")).toBeNull();
    expect(parseLeadId("9007199254740993")).toBeNull();
  });

  it("finds a stored lead and not an unknown one", async () => {
    expect(await leadExists(connection.db, leadIds.get("a1") ?? 0)).toBe(true);
    expect(await leadExists(connection.db, 999_999_999)).toBe(false);
  });
});
