import { NextRequest } from "next/server";
import { describe, expect, it, vi } from "vitest";
import { authConfig } from "./config";

type Authorized = (params: {
  auth: null;
  request: NextRequest;
}) => boolean | Response;
const authorized = authConfig.callbacks.authorized as unknown as Authorized;

describe("the sign-in gate", () => {
  it("sends a stranger to the sign-in page with the page asked for as a path", () => {
    // Next.js names the host localhost here whatever the server listens on.
    const request = new NextRequest("http://localhost:3301/leads?foo=1");
    const answer = authorized({ auth: null, request });

    expect(answer).toBeInstanceOf(Response);
    const location = new URL(
      (answer as Response).headers.get("location") ?? "",
    );
    expect(location.pathname).toBe("/login");
    expect(location.searchParams.get("callbackUrl")).toBe("/leads?foo=1");
    expect((answer as Response).status).toBe(307);
  });

  it("lets a stranger open the sign-in page", () => {
    const request = new NextRequest("http://localhost:3301/login");
    expect(authorized({ auth: null, request })).toBe(true);
  });
});

describe("the sign-in log", () => {
  it("writes one line per error for the proxy too, and none for a wrong password", () => {
    const lines: unknown[][] = [];
    const spy = vi
      .spyOn(console, "error")
      .mockImplementation((...args: unknown[]) => {
        lines.push(args);
      });
    try {
      const error = (type: string) =>
        Object.assign(new Error("cookie"), { type });
      authConfig.logger?.error?.(error("JWTSessionError"));
      authConfig.logger?.error?.(error("CredentialsSignin"));
    } finally {
      spy.mockRestore();
    }

    expect(lines).toEqual([["auth: JWTSessionError"]]);
  });
});
