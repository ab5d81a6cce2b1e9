import { describe, expect, it } from "vitest";
import { maskEmail, maskPhone, showEmail, showPhone } from "./mask";

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
