import { expect, type Page, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { writeCsv } from "./fixtures/csv";

// The leads behind the Overview's lead contact rate, and one lead's
// timeline. The fixture is this spec's own: its origin, its two sources and
// April 2026, so other specs' data never changes what it reads. Expected
// figures are worked out here from the definition of a contacted lead.
const origin = "leads-spec";
const sources = ["Leads spec web", "Leads spec ads"];

type Lead = { id: string; source: string; createdAt: string; zone: string };
type Call = { id: string; lead: string; at: string; outcome: string };

const leads: Lead[] = [
  {
    id: "LS-1",
    source: sources[0] ?? "",
    createdAt: "2026-04-06T09:00:00+02:00",
    zone: "Europe/Madrid",
  },
  {
    id: "LS-2",
    source: sources[0] ?? "",
    createdAt: "2026-04-07T11:30:00+02:00",
    zone: "Europe/Madrid",
  },
  {
    id: "LS-3",
    source: sources[1] ?? "",
    createdAt: "2026-04-08T15:00:00+02:00",
    zone: "America/New_York",
  },
  {
    id: "LS-4",
    source: sources[1] ?? "",
    createdAt: "2026-04-09T10:00:00+02:00",
    zone: "Europe/Madrid",
  },
  {
    id: "LS-5",
    source: sources[0] ?? "",
    createdAt: "2026-04-10T18:45:00+02:00",
    zone: "Atlantic/Canary",
  },
];

const calls: Call[] = [
  {
    id: "LSC-1",
    lead: "LS-1",
    at: "2026-04-06T09:04:00+02:00",
    outcome: "answered",
  },
  {
    id: "LSC-2",
    lead: "LS-2",
    at: "2026-04-07T11:40:00+02:00",
    outcome: "no_answer",
  },
  {
    id: "LSC-3",
    lead: "LS-2",
    at: "2026-04-07T16:10:00+02:00",
    outcome: "busy",
  },
  // LS-3's calls are listed out of order on purpose: the timeline sorts.
  {
    id: "LSC-6",
    lead: "LS-3",
    at: "2026-04-09T17:20:00+02:00",
    outcome: "answered",
  },
  {
    id: "LSC-4",
    lead: "LS-3",
    at: "2026-04-08T15:05:00+02:00",
    outcome: "voicemail",
  },
  {
    id: "LSC-5",
    lead: "LS-3",
    at: "2026-04-08T21:30:00+02:00",
    outcome: "no_answer",
  },
  // Answered 12 days after creation: outside the 7-day contact window.
  {
    id: "LSC-7",
    lead: "LS-4",
    at: "2026-04-21T10:00:00+02:00",
    outcome: "answered",
  },
];

const windowMs = 7 * 86_400_000;

function expectedContacted(): string[] {
  return leads
    .filter((lead) =>
      calls.some(
        (call) =>
          call.lead === lead.id &&
          call.outcome === "answered" &&
          Date.parse(call.at) >= Date.parse(lead.createdAt) &&
          Date.parse(call.at) - Date.parse(lead.createdAt) <= windowMs,
      ),
    )
    .map((lead) => lead.id)
    .sort();
}

/** `YYYY-MM-DD HH:MM` on the clock of `zone`. */
function wallClock(iso: string, zone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );

  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
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

async function narrowToOwnSources(page: Page) {
  const filters = page.getByRole("form", { name: "Filters" });
  await filters.getByText("Sources: all").click();
  for (const source of sources)
    await filters.getByLabel(source, { exact: true }).check();
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(filters.getByText("Sources: 2 chosen")).toBeVisible();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  const page = await browser.newPage();
  await signIn(page);
  const leadsFile = writeCsv(
    "leads-spec-leads.csv",
    leads.map((lead) => ({
      external_id: lead.id,
      source: lead.source,
      created_at: lead.createdAt,
      time_zone: lead.zone,
    })),
  );
  const callsFile = writeCsv(
    "leads-spec-calls.csv",
    calls.map((call) => ({
      external_id: call.id,
      lead_external_id: call.lead,
      channel: "call",
      direction: "outbound",
      agent: "leads-spec-agent",
      started_at: call.at,
      outcome: call.outcome,
    })),
  );
  await importFile(page, "leads", leadsFile);
  await importFile(page, "attempts", callsFile);
  await page.close();
});

test("lists the leads behind the lead contact rate and a lead's calls in order", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/overview?from=2026-04-01&to=2026-04-30");
  await narrowToOwnSources(page);
  const card = page.getByRole("region", { name: "Lead contact rate" });
  const contacted = expectedContacted();
  await expect(card.getByTestId("rate-numerator")).toHaveText(
    String(contacted.length),
  );
  await expect(card.getByTestId("rate-denominator")).toHaveText(
    String(leads.length),
  );
  const numerator = await card.getByTestId("rate-numerator").innerText();

  await card.getByRole("link", { name: "See the leads" }).click();
  await expect(
    page.getByRole("heading", { name: "Contacted leads", level: 1 }),
  ).toBeVisible();
  await expect(
    page.getByRole("heading", { name: `${numerator} leads`, level: 2 }),
  ).toBeVisible();
  const table = page.getByRole("table");
  await expect(table.getByRole("rowheader")).toHaveCount(contacted.length);
  const listed = (await table.getByRole("rowheader").allInnerTexts())
    .map((text) => text.trim())
    .sort();
  expect(listed).toEqual(contacted);
  await expect(page.getByText("Sources: 2 chosen")).toBeVisible();

  // A page past the last shows the last page, here the only one.
  await page.goto(`${page.url()}&page=9999`);
  await expect(table.getByRole("rowheader")).toHaveCount(contacted.length);
  await expect(page.getByRole("navigation", { name: "Pages" })).toHaveCount(0);

  const lead = leads.find((entry) => entry.id === "LS-3");
  if (!lead) throw new Error("fixture lead LS-3 is missing");
  await table.getByRole("link", { name: lead.id, exact: true }).click();
  await expect(
    page.getByRole("heading", { name: `Lead ${lead.id}`, level: 1 }),
  ).toBeVisible();

  const expected = calls
    .filter((call) => call.lead === lead.id)
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const timeline = page
    .getByRole("region", { name: "Attempts and messages, in order" })
    .getByRole("table");
  const rows = timeline.locator("tbody tr");
  await expect(rows).toHaveCount(expected.length);
  for (const [index, call] of expected.entries()) {
    const cells = rows.nth(index).locator("td");
    await expect(cells.nth(0)).toContainText(wallClock(call.at, lead.zone));
    await expect(cells.nth(1)).toContainText(
      wallClock(call.at, "Europe/Madrid"),
    );
    await expect(cells.nth(4)).toContainText(call.outcome.replace("_", " "));
  }
  const facts = page.getByRole("region", { name: "What the figures conclude" });
  const answered = expected.find((call) => call.outcome === "answered");
  await expect(facts).toContainText("Yes, within 7 days of creation");
  await expect(facts).toContainText(wallClock(answered?.at ?? "", lead.zone));
});

test("answers 404 to a lead id that names no lead", async ({ page }) => {
  await signIn(page);

  for (const id of ["abc", "999999999"]) {
    const response = await page.goto(`/leads/${id}`);
    expect(response?.status()).toBe(404);
    await expect(
      page.getByRole("heading", { name: "No such lead", level: 1 }),
    ).toBeVisible();
  }
});

test("answers 404 to a set of leads that does not exist", async ({ page }) => {
  await signIn(page);

  const response = await page.goto("/leads/sets/nothing");
  expect(response?.status()).toBe(404);
  await expect(
    page.getByRole("heading", { name: "No such list of leads", level: 1 }),
  ).toBeVisible();
});

test("fits a lead's page on a 375 px wide screen", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await signIn(page);
  await page.goto("/leads?from=2026-04-01&to=2026-04-30&q=LS-3");
  await page
    .getByRole("table")
    .getByRole("link", { name: "LS-3", exact: true })
    .click();
  await expect(
    page.getByRole("region", { name: "What the figures conclude" }),
  ).toContainText("Yes, within 7 days of creation");

  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(375);
});

test("closes a filter's list with Escape and gives the focus back to its button", async ({
  page,
}) => {
  await signIn(page);
  await page.goto("/leads?from=2026-04-01&to=2026-04-30");
  const filters = page.getByRole("form", { name: "Filters" });

  for (const name of ["Sources", "Channels"]) {
    const button = filters.getByText(`${name}: all`);
    const choices = filters.getByRole("group", { name });
    await button.click();
    await expect(choices).toBeVisible();
    await choices.getByRole("checkbox").first().focus();
    await page.keyboard.press("Escape");
    await expect(choices).toBeHidden();
    await expect(button).toBeFocused();
  }
});
