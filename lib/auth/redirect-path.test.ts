import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect-path";

describe("safeRedirectPath", () => {
  it("lands on the page asked for, with its filters", () => {
    expect(safeRedirectPath("/leads?foo=1&source=web")).toBe(
      "/leads?foo=1&source=web",
    );
    expect(safeRedirectPath("/leads/42")).toBe("/leads/42");
  });

  it("lands on the overview when no page was asked for", () => {
    expect(safeRedirectPath(null)).toBe("/overview");
    expect(safeRedirectPath("")).toBe("/overview");
  });

  it("refuses addresses that lead to another site", () => {
    for (const requested of [
      "//evil.example/leads",
      "/\\evil.example",
      "/\t/evil.example",
      "\\\\evil.example",
      "https://evil.example/leads",
      "http://127.0.0.1:3301/leads",
      "javascript:alert(1)",
      "leads",
    ]) {
      expect(safeRedirectPath(requested)).toBe("/overview");
    }
  });

  it("does not send a user back to the sign-in page", () => {
    expect(safeRedirectPath("/login?callbackUrl=/leads")).toBe("/overview");
  });
});
