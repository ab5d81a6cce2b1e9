import { describe, expect, it } from "vitest";
import {
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
