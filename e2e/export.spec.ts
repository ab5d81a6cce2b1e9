import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { parseCsv, writeCsv } from "./fixtures/csv";

// The CSV of a lead list holds the rows of the screen, and a marketer sees
// phones and e-mail addresses masked in both. The fixture is this spec's
// own: its origin, its source, April 2026.
const origin = "export-spec";
const source = "Export spec web";

const leads = [
  { id: "EX-1", phone: "+34612345601", email: "ana.ruiz@example.com" },
  { id: "EX-2", phone: "+34612345602", email: "luis.gil@example.org" },
  { id: "EX-3", phone: "+34622345603", email: "" },
  { id: "EX-4", phone: "", email: "marta@example.net" },
].map((lead, index) => ({
  ...lead,
  createdAt: `2026-04-${String(14 + index).padStart(2, "0")}T10:00:00+02:00`,
}));

// The mask as the product documents it, worked out for Spanish numbers:
// the country code, the first national digit and the last two stay.
function maskSpanishPhone(e164: string): string {
  const national = e164.slice(3);
  const digits = [...national].map((digit, index) =>
    index === 0 || index >= national.length - 2 ? digit : "•",
  );

  return `+34 ${digits.slice(0, 3).join("")} ${digits.slice(3, 6).join("")} ${digits.slice(6).join("")}`;
}

function maskEmail(email: string): string {
  return `${email[0]}•••${email.slice(email.indexOf("@"))}`;
}

// The shared importThroughPage matches the preset and the button by parts
// of their names, which the Origin field ("... generic presets ...") and
// the "Undo import" buttons share; until that fixture matches exactly,
// this one does.
async function importFile(page: Page, preset: string, file: string) {
  await page.goto("/import");
  await page.getByRole("combobox", { name: /^Preset/ }).selectOption(preset);
  await page.getByLabel(/^File:/).setInputFiles(file);
  await page.getByLabel(/^Origin/).fill(origin);
  await page.getByRole("button", { name: "Import", exact: true }).click();
  await expect(
    page.getByRole("region", { name: "Import summary" }),
  ).toBeVisible({ timeout: 120_000 });
}

async function openOwnList(page: Page) {
  await page.goto("/leads?from=2026-04-01&to=2026-04-30");
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText("Sources: all").click();
  await filters.getByLabel(source, { exact: true }).check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(filters.getByText(`Sources: ${source}`)).toBeVisible();
  await expect(
    page.getByRole("heading", { name: `${leads.length} leads`, level: 2 }),
  ).toBeVisible();
}

/** The table's body as the screen shows it; a dash is an empty cell. */
async function readScreenRows(page: Page): Promise<string[][]> {
  const rows = page.getByRole("table").locator("tbody tr");
  const texts: string[][] = [];
  for (let index = 0; index < (await rows.count()); index += 1) {
    const cells = await rows.nth(index).locator("th, td").allInnerTexts();
    texts.push(cells.map((cell) => (cell.trim() === "—" ? "" : cell.trim())));
  }

  return texts;
}

async function downloadCsv(page: Page): Promise<string[][]> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const file = await download.path();
  const rows = parseCsv(fs.readFileSync(file, "utf8"));

  // The export guards cells a spreadsheet would run as a formula (an E.164
  // phone starts with +) with a leading quote; the screen shows no guard.
  return rows
    .filter((row) => row.some((cell) => cell !== ""))
    .map((row) => row.map((cell) => cell.replace(/^'(?=[=+\-@])/, "")));
}

function column(rows: string[][], header: string): string[] {
  const index = rows[0]?.indexOf(header) ?? -1;
  if (index < 0) throw new Error(`the CSV has no column ${header}`);

  return rows.slice(1).map((row) => row[index] ?? "");
}

test("exports the rows on screen, and masks contact data for a marketer", async ({
  page,
}) => {
  await signIn(page);
  const file = writeCsv(
    "export-spec-leads.csv",
    leads.map((lead) => ({
      external_id: lead.id,
      source,
      created_at: lead.createdAt,
      time_zone: "Europe/Madrid",
      phone: lead.phone,
      email: lead.email,
    })),
  );
  await importFile(page, "leads", file);

  // The admin: full contact data, on screen and in the file alike.
  await openOwnList(page);
  const adminScreen = await readScreenRows(page);
  const adminCsv = await downloadCsv(page);
  expect(adminCsv.slice(1)).toEqual(adminScreen);
  expect(adminCsv[0]?.length).toBe(adminScreen[0]?.length);
  const newestFirst = [...leads].reverse();
  expect(column(adminCsv, "Lead")).toEqual(newestFirst.map((lead) => lead.id));
  expect(column(adminCsv, "Phone")).toEqual(
    newestFirst.map((lead) => lead.phone),
  );
  expect(column(adminCsv, "E-mail")).toEqual(
    newestFirst.map((lead) => lead.email),
  );

  // A marketer, invited on the Users page, signs in with the one-time
  // password, chooses a password on the Account page and signs in again.
  const marketer = {
    email: `marketer-${Date.now()}@export-spec.example`,
    password: "export-spec-marketer-pass-1",
  };
  await page.goto("/users");
  const invite = page.getByRole("form", { name: "Invite a user" });
  await invite.getByLabel("E-mail").fill(marketer.email);
  await invite.getByLabel("Name").fill("Export Spec Marketer");
  await invite.getByLabel("Role").selectOption({ label: "Marketer" });
  await invite.getByRole("button", { name: "Invite" }).click();
  const oneTime = await page.getByTestId("one-time-password").innerText();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("E-mail").fill(marketer.email);
  await page.getByLabel("Password").fill(oneTime);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/login/);
  await page.goto("/account");
  await page.getByLabel("Current password").fill(oneTime);
  await page
    .getByLabel("New password (at least 12 characters)")
    .fill(marketer.password);
  await page.getByLabel("New password again").fill(marketer.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, marketer);

  await openOwnList(page);
  const marketerScreen = await readScreenRows(page);
  const marketerCsv = await downloadCsv(page);
  expect(marketerCsv.slice(1)).toEqual(marketerScreen);
  const maskedPhones = newestFirst.map((lead) =>
    lead.phone ? maskSpanishPhone(lead.phone) : "",
  );
  const maskedEmails = newestFirst.map((lead) =>
    lead.email ? maskEmail(lead.email) : "",
  );
  expect(column(marketerCsv, "Phone")).toEqual(maskedPhones);
  expect(column(marketerCsv, "E-mail")).toEqual(maskedEmails);
  for (const lead of leads) {
    if (lead.phone) await expect(page.getByText(lead.phone)).toHaveCount(0);
    if (lead.email) await expect(page.getByText(lead.email)).toHaveCount(0);
  }
});

// A compared export: the lost-lead split of this spec's second source over
// 21 to 30 April, beside the ten days before (11 to 20 April). None of the
// leads has an attempt or a word on consent, and each carries its CRM's
// last outcome, so each is converted or "not contacted, effort unknown".
const compareSource = "Export spec compare";
const compareLeads = [
  { id: "EXC-1", day: "2026-04-12", converted: true },
  { id: "EXC-2", day: "2026-04-13", converted: false },
  { id: "EXC-3", day: "2026-04-22", converted: true },
  { id: "EXC-4", day: "2026-04-23", converted: false },
  { id: "EXC-5", day: "2026-04-24", converted: false },
  { id: "EXC-6", day: "2026-04-25", converted: false },
];

test("a compared export puts the previous period and the change beside each figure", async ({
  page,
}) => {
  await signIn(page);
  const file = writeCsv(
    "export-spec-compare-leads.csv",
    compareLeads.map((lead) => ({
      external_id: lead.id,
      source: compareSource,
      created_at: `${lead.day}T10:00:00+02:00`,
      time_zone: "Europe/Madrid",
      converted: lead.converted ? "yes" : "no",
      disposition: lead.converted ? "converted" : "call failed",
    })),
  );
  await importFile(page, "leads", file);

  await page.goto("/sources?from=2026-04-21&to=2026-04-30&compare=1");
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText("Sources: all").click();
  await filters.getByLabel(compareSource, { exact: true }).check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(filters.getByText(`Sources: ${compareSource}`)).toBeVisible();
  await expect(page).toHaveURL(/[?&]compare=1/);

  const split = page.getByRole("region", { name: "Lost-lead split" });
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    split.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const rows = parseCsv(fs.readFileSync(await download.path(), "utf8")).filter(
    (row) => row.some((cell) => cell !== ""),
  );
  expect(rows[0]).toEqual([
    "source",
    "class",
    "leads",
    "previous_leads",
    "change_leads",
    "source_leads",
    "previous_source_leads",
    "change_source_leads",
    "share",
    "previous_share",
    "change_share_pts",
    "flag",
  ]);
  const rowOf = (leadClass: string) =>
    rows.find((row) => row[0] === compareSource && row[1] === leadClass);

  // Converted: 1 of the 4 leads of 21–30 April against 1 of the 2 of
  // 11–20 April; 25 % − 50 % = −25 points.
  expect(rowOf("Converted")).toEqual([
    compareSource,
    "Converted",
    "1",
    "1",
    "0",
    "4",
    "2",
    "2",
    "0.2500",
    "0.5000",
    "-25.00",
    "",
  ]);
  // Not contacted, effort unknown: 3 of 4 against 1 of 2; 75 % − 50 %.
  expect(rowOf("Not contacted, effort unknown")?.slice(2, 11)).toEqual([
    "3",
    "1",
    "2",
    "4",
    "2",
    "2",
    "0.7500",
    "0.5000",
    "25.00",
  ]);
  // A class empty in both periods: 0 % − 0 %, no change.
  expect(rowOf("Follow-up")?.slice(2, 11)).toEqual([
    "0",
    "0",
    "0",
    "4",
    "2",
    "2",
    "0.0000",
    "0.0000",
    "0.00",
  ]);

  // The screen shows the same change in points.
  const converted = split
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: compareSource }) })
    .getByRole("cell")
    .nth(1);
  await expect(converted).toContainText("−25.0 pts vs previous");
});

test("an export asked for a table it does not have answers 400 in the API's error shape", async ({
  page,
}) => {
  await signIn(page);
  for (const path of [
    "/sales/export",
    "/sources/export",
    "/recovery/export",
    "/revenue/export",
  ]) {
    const response = await page.request.get(`${path}?table=nothing`);
    expect([path, response.status()]).toEqual([path, 400]);
    expect(await response.json()).toMatchObject({
      error: { code: "invalid_input", message: expect.any(String) },
    });
  }
});
