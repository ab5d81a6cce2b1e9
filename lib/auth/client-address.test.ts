import { describe, expect, it } from "vitest";
import { directAddress, readClientAddress } from "./client-address";

describe("readClientAddress", () => {
  const spoofed = new Headers({
    "x-forwarded-for": "10.0.3.7",
    "x-real-ip": "10.0.9.9",
  });

  it("ignores client-sent headers unless a trusted proxy is configured", () => {
    expect(readClientAddress(spoofed, false)).toBe("direct");
    expect(readClientAddress(new Headers(), false)).toBe(directAddress);
  });

  it("behind a trusted proxy, takes X-Real-IP first", () => {
    expect(readClientAddress(spoofed, true)).toBe("10.0.9.9");
  });

  it("behind a trusted proxy, takes the entry the proxy appended last", () => {
    // The client sent "10.0.3.7"; the proxy appended what it saw.
    const headers = new Headers({
      "x-forwarded-for": "10.0.3.7, 198.51.100.4",
    });
    expect(readClientAddress(headers, true)).toBe("198.51.100.4");
  });

  it("behind a trusted proxy with no header, shares the direct bucket", () => {
    expect(readClientAddress(new Headers(), true)).toBe("direct");
  });
});
