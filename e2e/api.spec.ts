import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test.describe.configure({ mode: "serial" });

/** Creates an admin key on the API keys page, as an admin would, and
 * returns its secret, shown once. */
async function createAdminKey(page: Page, name: string): Promise<string> {
  await signIn(page);
  await page.goto("/api-keys");
  const form = page.getByRole("form", { name: "Create an API key" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Role").selectOption("admin");
  await form.getByRole("button", { name: "Create key" }).click();
  const shown = page.getByTestId("api-key-secret");
  await expect(shown).toContainText("rb_live_");

  return (await shown.textContent())?.trim() ?? "";
}

test("an admin creates a key that writes and reads through the API until revoked", async ({
  page,
  request,
}) => {
  const secret = await createAdminKey(page, "E2E writer");
  const headers = { Authorization: `Bearer ${secret}` };

  const written = await request.post("/api/v1/leads", {
    headers,
    data: {
      origin: "e2e-api",
      items: [
        { externalId: "E-1", source: "Web", createdAt: "2026-11-01T09:00:00Z" },
      ],
    },
  });
  expect(written.status()).toBe(200);
  expect(await written.json()).toEqual({
    results: [{ index: 0, externalId: "E-1", status: "inserted" }],
    counts: { inserted: 1, updated: 0, unchanged: 0, invalid: 0 },
  });

  const figure = await request.get(
    "/api/v1/metrics/contact-rates?from=2026-11-01&to=2026-11-01",
    { headers },
  );
  expect(figure.status()).toBe(200);
  expect(await figure.json()).toMatchObject({
    figure: "contact-rates",
    data: { leadContactRate: { numerator: 0 } },
  });

  await expect(page.getByRole("row", { name: /E2E writer/ })).toBeVisible();
  await page.getByRole("button", { name: "Revoke E2E writer" }).click();
  await expect(
    page.getByRole("row", { name: /E2E writer/ }).getByText(/^Revoked/),
  ).toBeVisible();
  const refused = await request.get("/api/v1/metrics", { headers });
  expect(refused.status()).toBe(401);
});

test("the API answers JSON errors without a key and serves its description openly", async ({
  request,
}) => {
  const anonymous = await request.get("/api/v1/metrics/overview", {
    maxRedirects: 0,
  });
  expect(anonymous.status()).toBe(401);
  expect(await anonymous.json()).toMatchObject({
    error: { code: "unauthenticated" },
  });

  const description = await request.get("/api/v1/openapi.json");
  expect(description.status()).toBe(200);
  expect(await description.json()).toMatchObject({ openapi: "3.1.0" });

  // The test server sets no WhatsApp secrets.
  const webhook = await request.post("/api/webhooks/whatsapp", {
    data: {},
    maxRedirects: 0,
  });
  expect(webhook.status()).toBe(503);
});

test("the API takes bodies up to its 5 MB limit whole, and refuses larger ones with 413", async ({
  page,
  request,
}) => {
  const secret = await createAdminKey(page, "E2E large bodies");
  const headers = {
    Authorization: `Bearer ${secret}`,
    "Content-Type": "application/json",
  };
  // 1,000 small leads, each followed by `spaces` blanks (JSON allows them
  // between values), so that the size comes from the body alone.
  const body = (spaces: number) =>
    `{"origin": "e2e-large", "items": [${Array.from(
      { length: 1_000 },
      (_, index) =>
        JSON.stringify({
          externalId: `L-${index}`,
          source: "Web",
          createdAt: "2026-11-02T09:00:00Z",
        }),
    ).join(`${" ".repeat(spaces)},`)}]}`;

  // About 2.6 MB: over the proxy's own limit, which must not cut it.
  const large = body(2_500);
  expect(large.length).toBeGreaterThan(2_500_000);
  const written = await request.post("/api/v1/leads", {
    headers,
    data: large,
  });
  expect(written.status()).toBe(200);
  expect((await written.json()).counts).toEqual({
    inserted: 1_000,
    updated: 0,
    unchanged: 0,
    invalid: 0,
  });

  // About 5.1 MB.
  const tooLarge = body(5_500);
  expect(tooLarge.length).toBeGreaterThan(5 * 1024 * 1024);
  const refused = await request.post("/api/v1/leads", {
    headers,
    data: tooLarge,
  });
  expect(refused.status()).toBe(413);
  expect(await refused.json()).toMatchObject({
    error: { code: "payload_too_large" },
  });

  // Without a key the answer is 401, whatever the body.
  const anonymous = await request.post("/api/v1/leads", {
    headers: { "Content-Type": "application/json" },
    data: large,
  });
  expect(anonymous.status()).toBe(401);
});
