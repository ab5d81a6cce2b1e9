import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { writeCsv } from "./fixtures/csv";
import { importThroughPage } from "./fixtures/import";
import { createAccount } from "./fixtures/users";

test.describe.configure({ mode: "serial" });

test("an admin changes the contact window and sees it saved", async ({
  page,
}) => {
  await signIn(page);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", {
      name: "Settings",
      exact: true,
    })
    .click();
  await expect(
    page.getByRole("heading", { name: "Settings", level: 1 }),
  ).toBeVisible();
  const form = page.getByRole("form", { name: "Settings" });
  const window = form.getByLabel("Contact window (days)");

  // A wrong value is refused with what was expected, and kept.
  await window.fill("-3");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "Nothing was saved. Check the highlighted fields.",
  );
  await expect(
    form.getByText("Enter a whole number from 1 to 365."),
  ).toBeVisible();
  await expect(window).toHaveValue("-3");

  await window.fill("5");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText(
    "Settings saved (1 changed; figures recomputed).",
  );
  await page.reload();
  await expect(
    page
      .getByRole("form", { name: "Settings" })
      .getByLabel("Contact window (days)"),
  ).toHaveValue("5");

  // Back to the documented default, for the specs that read figures.
  const again = page.getByRole("form", { name: "Settings" });
  await again.getByLabel("Contact window (days)").fill("7");
  await again.getByRole("button", { name: "Save settings" }).click();
  await expect(again.getByRole("status")).toHaveText(
    "Settings saved (1 changed; figures recomputed).",
  );
});

test("an admin sets the organisation's zone, which the Import page offers as the default", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Settings" });
  await form.getByLabel("Organisation time zone").fill("america/bogota");
  await form.getByRole("button", { name: "Save settings" }).click();
  await expect(form.getByRole("status")).toHaveText(
    "Settings saved (1 changed).",
  );

  await page.goto("/import");
  await expect(
    page.getByLabel("Time zone of times without an offset", { exact: false }),
  ).toHaveAttribute("placeholder", "America/Bogota");

  // Back to the default, for the specs that import zone-less times.
  await page.goto("/settings");
  const again = page.getByRole("form", { name: "Settings" });
  await expect(again.getByLabel("Organisation time zone")).toHaveValue(
    "America/Bogota",
  );
  await again.getByLabel("Organisation time zone").fill("Europe/Madrid");
  await again.getByRole("button", { name: "Save settings" }).click();
  await expect(again.getByRole("status")).toHaveText(
    "Settings saved (1 changed).",
  );
});

test("an admin splits a slot in two and sees the slots saved", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Slots" });
  await expect(form.getByLabel("Slot 1: name")).toHaveValue("morning");

  // An overlap is refused with the slot it runs into, and nothing is saved.
  await form.getByLabel("Slot 5: name").fill("late morning");
  await form.getByLabel("Slot 5: from hour").fill("11");
  await form.getByLabel("Slot 5: to hour").fill("12");
  await form.getByRole("button", { name: "Save slots" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "Nothing was saved. Check the highlighted fields.",
  );
  await expect(
    form.getByText("Overlaps morning (8–12): choose hours outside it."),
  ).toBeVisible();

  await form.getByLabel("Slot 1: to hour").fill("11");
  await form.getByRole("button", { name: "Save slots" }).click();
  await expect(form.getByRole("status")).toHaveText(
    "Slots saved; figures recomputed.",
  );
  await page.reload();
  const saved = page.getByRole("form", { name: "Slots" });
  await expect(saved.getByLabel("Slot 2: name")).toHaveValue("late morning");
  await expect(saved.getByLabel("Slot 2: from hour")).toHaveValue("11");
  await expect(saved.getByLabel("Slot 1: to hour")).toHaveValue("11");

  // Back to the documented slots, for the specs that read figures.
  await saved.getByLabel("Slot 1: to hour").fill("12");
  for (const part of ["name", "from hour", "to hour"])
    await saved.getByLabel(`Slot 2: ${part}`).fill("");
  await saved.getByRole("button", { name: "Save slots" }).click();
  await expect(saved.getByRole("status")).toHaveText(
    "Slots saved; figures recomputed.",
  );
});

test("an admin sets a source's cost per lead and sees it saved", async ({
  page,
}) => {
  const source = "Comparison spec source";
  await signIn(page);
  await importThroughPage(
    page,
    "leads",
    writeCsv("settings-leads.csv", [
      {
        external_id: "SET1",
        source,
        created_at: "2026-06-10T10:00:00+02:00",
        time_zone: "Europe/Madrid",
      },
    ]),
    "e2e-settings",
  );
  await page.goto("/settings");
  const form = page.getByRole("form", { name: "Source costs" });
  const amount = form.getByLabel(`${source}: cost per lead`);
  const currency = form.getByLabel(`${source}: currency`);

  // More decimals than the currency has are refused, and kept.
  await amount.fill("35.555");
  await currency.fill("eur");
  await form.getByRole("button", { name: "Save costs" }).click();
  await expect(form.getByRole("alert")).toHaveText(
    "Nothing was saved. Check the highlighted fields.",
  );
  await expect(form.getByText("At most 2 decimals in EUR.")).toBeVisible();
  await expect(amount).toHaveValue("35.555");

  await amount.fill("35.5");
  await form.getByRole("button", { name: "Save costs" }).click();
  await expect(form.getByRole("status")).toHaveText(
    "Costs saved for 1 source.",
  );
  await page.reload();
  const saved = page.getByRole("form", { name: "Source costs" });
  await expect(saved.getByLabel(`${source}: cost per lead`)).toHaveValue(
    "35.50",
  );
  await expect(saved.getByLabel(`${source}: currency`)).toHaveValue("EUR");
});

// After the costs spec: its source's row is on the page.
test("fits the settings page on a 375 px wide screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page);
  await page.goto("/settings");
  await expect(
    page.getByRole("form", { name: "Source costs" }).getByRole("row"),
  ).not.toHaveCount(1);

  const width = await page.evaluate(() => document.documentElement.scrollWidth);

  expect(width).toBeLessThanOrEqual(375);
});

test("a marketer gets 403 on the settings page", async ({ browser }) => {
  const marketer = await createAccount(browser, "marketer", "settings");
  const context = await browser.newContext();
  await signIn(await context.newPage(), marketer);

  const response = await context.request.get("/settings", {
    maxRedirects: 0,
  });

  expect(response.status()).toBe(403);
  await context.close();
});
