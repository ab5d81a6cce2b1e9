import { describe, expect, it } from "vitest";
import { isCrossSiteRequest } from "./same-origin";

const host = "127.0.0.1:3000";

describe("isCrossSiteRequest", () => {
  it("lets the page's own upload through", () => {
    const headers = new Headers({
      host,
      origin: "http://127.0.0.1:3000",
      "sec-fetch-site": "same-origin",
    });
    expect(isCrossSiteRequest(headers, false)).toBe(false);
  });

  it("lets a request without Origin or Sec-Fetch-Site through", () => {
    expect(isCrossSiteRequest(new Headers({ host }), false)).toBe(false);
  });

  it("refuses an Origin naming another host or port", () => {
    for (const origin of [
      "http://evil.example",
      "http://127.0.0.1:3001",
      "null",
    ]) {
      expect(isCrossSiteRequest(new Headers({ host, origin }), false)).toBe(
        true,
      );
    }
  });

  it("refuses Sec-Fetch-Site: cross-site even without Origin", () => {
    const headers = new Headers({ host, "sec-fetch-site": "cross-site" });
    expect(isCrossSiteRequest(headers, false)).toBe(true);
  });

  it("accepts the forwarded host only behind a trusted proxy", () => {
    const headers = new Headers({
      host,
      origin: "https://dash.example.com",
      "x-forwarded-host": "dash.example.com",
    });
    expect(isCrossSiteRequest(headers, true)).toBe(false);
    expect(isCrossSiteRequest(headers, false)).toBe(true);
  });
});
