import { afterEach, describe, expect, it, vi } from "vitest";

// lib/env reads process.env once, as it is imported: each case imports it
// afresh with the variables it sets.
describe("the environment, read at start", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it("refuses a first admin's password shorter than 12 characters before anything is created", async () => {
    vi.stubEnv("ADMIN_PASSWORD", "eleven-char");
    vi.resetModules();

    await expect(import("@/lib/env")).rejects.toThrow(
      "Invalid environment:\n  ADMIN_PASSWORD: must have at least 12 characters",
    );
  });

  it("takes a password of 12 characters", async () => {
    vi.stubEnv("ADMIN_PASSWORD", "twelve-chars");
    vi.resetModules();

    const { env } = await import("@/lib/env");
    expect(env.ADMIN_PASSWORD).toBe("twelve-chars");
  });
});
