import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Connection, queryRows } from "@/lib/db";
import { createTestConnection } from "@/lib/db/testing";
import {
  holdsContactData,
  isContactLikeSql,
  looksLikePhone,
  maskEmail,
  maskPhone,
  showEmail,
  showExternalId,
  showPhone,
} from "./mask";

describe("masking contact data", () => {
  it("keeps the country code, the first digit and the last two of a phone", () => {
    expect(maskPhone("+34612345612")).toBe("+34 6•• ••• •12");
  });

  it("masks a number of another country by the same rule", () => {
    // +1 212 555 0199: national number 2125550199, ten digits.
    expect(maskPhone("+12125550199")).toBe("+1 2•• ••• ••99");
  });

  it("keeps only the first letter and the domain of an e-mail", () => {
    expect(maskEmail("ana.garcia@example.com")).toBe("a•••@example.com");
  });

  it("shows contact data in full to sales managers and admins only", () => {
    expect(showPhone("sales_manager", "+34612345612")).toBe("+34612345612");
    expect(showPhone("marketer", "+34612345612")).toBe("+34 6•• ••• •12");
    expect(showEmail("executive", "ana@example.com")).toBe("a•••@example.com");
    expect(showEmail("admin", "ana@example.com")).toBe("ana@example.com");
  });
});

describe("masking external ids that are phone numbers", () => {
  it("masks an id that is a phone exactly as the phone itself", () => {
    // +34 699887766: national number 699887766, nine digits; the first and
    // the last two stay.
    expect(showExternalId("marketer", "+34699887766")).toBe("+34 6•• ••• •66");
    expect(showExternalId("marketer", "+34699887766")).toBe(
      showPhone("marketer", "+34699887766"),
    );
  });

  it("shows the id in full to roles that see contact data", () => {
    expect(showExternalId("admin", "+34699887766")).toBe("+34699887766");
    expect(showExternalId("sales_manager", "+34699887766")).toBe(
      "+34699887766",
    );
  });

  it("leaves ids that are not phone numbers as they are", () => {
    const uuid = "3f2b8c1e-9d4a-4e7b-8a61-2c5d0f9e7b13";

    expect(showExternalId("marketer", "L-1042")).toBe("L-1042");
    expect(showExternalId("marketer", uuid)).toBe(uuid);
    // Six digits are too few to be a number a person could dial.
    expect(showExternalId("marketer", "104233")).toBe("104233");
  });

  it("takes digits with +, spaces, dashes and brackets, seven or more", () => {
    expect(looksLikePhone("+34 699-88-77-66")).toBe(true);
    expect(looksLikePhone("(91) 555 1234")).toBe(true);
    expect(looksLikePhone("5551234")).toBe(true);
    expect(looksLikePhone("555123")).toBe(false);
    expect(looksLikePhone("L-5551234")).toBe(false);
    // Dots separate groups as well (612.345.678), and a scheme may lead.
    expect(looksLikePhone("+34.699.887.766")).toBe(true);
    expect(looksLikePhone("whatsapp:+34699887766")).toBe(true);
    expect(looksLikePhone("tel:5551234")).toBe(true);
    expect(looksLikePhone("L.5551234")).toBe(false);
  });
});

// Ids that hold a number or an address without being one.
const holding = [
  "tel:+34-699-777-888;ext=1",
  "wa-34699555666",
  "Bob Secret <bob2.secret@example.test>",
  "０６１２３４５６７８",
  "*67612345678",
  "612345678#",
  "+34 612 345 678 ext. 12",
  "612345678 (mobile)",
  "+34612345678x2",
];
const plain = [
  "L-1042",
  "demo-lead-000123",
  "3f2b8c1e-9d4a-4e7b-8a61-2c5d0f9e7b13",
  "00Q5g00000ABCDEFG",
  "104233",
  "at@",
];

describe("masking external ids that hold contact data", () => {
  it("masks every number and address inside an id, for a marketer only", () => {
    expect(showExternalId("marketer", "tel:+34-699-777-888;ext=1")).toBe(
      "tel:+3•-•••-•••-•88;ext=1",
    );
    expect(showExternalId("marketer", "wa-34699555666")).toBe("wa-3••••••••66");
    expect(
      showExternalId("marketer", "Bob Secret <bob2.secret@example.test>"),
    ).toBe("Bob Secret <b•••@example.test>");
    // Full-width digits are digits.
    expect(showExternalId("marketer", "０６１２３４５６７８")).toBe(
      "0•• ••• ••78",
    );
    expect(showExternalId("marketer", "612345678 (mobile)")).toBe(
      "6••••••78 (mobile)",
    );
    expect(showExternalId("admin", "wa-34699555666")).toBe("wa-34699555666");
  });

  it("keeps the country code of a number written with thin spaces", () => {
    expect(showExternalId("marketer", "+34\u2009699\u2009111\u2009222")).toBe(
      "+34 6•• ••• •22",
    );
  });

  it("leaves ids without a number or an address as they are", () => {
    for (const id of plain) expect(showExternalId("marketer", id)).toBe(id);
    expect(holding.filter((id) => !holdsContactData(id))).toEqual([]);
    expect(plain.filter((id) => holdsContactData(id))).toEqual([]);
  });
});

describe("the same test in SQL", () => {
  let connection: Connection;
  beforeAll(async () => {
    connection = await createTestConnection();
  });
  afterAll(() => connection.close());

  it("finds contact data in the same ids as the page masks", async () => {
    const ids = [...holding, ...plain, "+34699887766", "ana@example.com"];
    const rows = await queryRows<{ id: string; holds: boolean }>(
      connection.db,
      sql`select id, ${isContactLikeSql(sql`id`)} as holds
      from unnest(${`{${ids.map((id) => JSON.stringify(id)).join(",")}}`}::text[]) as id`,
    );

    expect(Object.fromEntries(rows.map((row) => [row.id, row.holds]))).toEqual(
      Object.fromEntries(ids.map((id) => [id, holdsContactData(id)])),
    );
  });
});
