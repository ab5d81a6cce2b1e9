import { describe, expect, it } from "vitest";
import {
  formatDecimalAmount,
  formatMoney,
  formatMoneyChange,
} from "./format-money";

describe("formatMoney", () => {
  it("shows euro cents with two decimals", () => {
    expect(formatMoney(123456, "EUR")).toBe("€1,234.56");
  });

  it("keeps a whole amount's cents", () => {
    expect(formatMoney(240000, "EUR")).toBe("€2,400.00");
  });

  it("reads yen as whole units, having no minor unit", () => {
    expect(formatMoney(1234, "JPY")).toBe("JP¥1,234");
  });

  it("reads Kuwaiti dinars with three decimals", () => {
    // Intl puts a no-break space between a code and the amount.
    expect(formatMoney(1234, "KWD")).toBe("KWD\u00a01.234");
  });

  it("accepts a currency code in lower case with spaces", () => {
    expect(formatMoney(5, " gbp ")).toBe("£0.05");
  });

  it("shows zero as an amount, not as missing", () => {
    expect(formatMoney(0, "EUR")).toBe("€0.00");
  });

  it("shortens large amounts for chart axes", () => {
    expect(formatMoney(123456789, "EUR", { compact: true })).toBe("€1.2m");
  });

  it("signs a change against the previous period", () => {
    expect(formatMoneyChange(1200, "EUR")).toBe("+€12.00");
    expect(formatMoneyChange(-1200, "EUR")).toBe("−€12.00");
    expect(formatMoneyChange(0, "EUR")).toBe("±€0.00");
  });

  it("writes plain decimals in major units for exports", () => {
    expect(formatDecimalAmount(123450, "EUR")).toBe("1234.50");
    expect(formatDecimalAmount(1234, "JPY")).toBe("1234");
    expect(formatDecimalAmount(-5, "KWD")).toBe("-0.005");
  });
});
